/**
 * Who is who: agencies, users and their roles, supervision links, sign-in, lockout and
 * personal API tokens. Other modules use {@link org.abri.identity.CurrentUser},
 * {@link org.abri.identity.Role}, {@link org.abri.identity.Agencies} and
 * {@link org.abri.identity.UserAccounts}.
 */
package org.abri.identity;
