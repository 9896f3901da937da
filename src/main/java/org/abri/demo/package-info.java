/**
 * The demo deployment: with {@code abri.demo=true} (ABRI_DEMO), an empty database is filled
 * with a fictional but realistic deployment of the Central African Republic — a ministry, a
 * UN agency, an international and a local NGO, users in every role sharing one documented
 * password, a three-level location hierarchy and about two hundred invented children — and
 * every page says that the data is fictional. Everything it writes is flagged {@code demo};
 * it refuses to run on a database that holds real data. See docs/demo.md.
 *
 * <p>It uses only the public services of the other modules, and no module depends on it.
 */
package org.abri.demo;
