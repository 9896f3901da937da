/**
 * What every module shares: the database, error types that carry translatable codes,
 * paging and the client address of a request. Depends on no other module.
 */
package org.abri.platform;
