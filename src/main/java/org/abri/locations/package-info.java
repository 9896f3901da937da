/** The administrative location hierarchy (three levels) that cases and services refer to. */
package org.abri.locations;
