/** The web shell: layout, language, error pages and the API error format. */
package org.abri.web;
