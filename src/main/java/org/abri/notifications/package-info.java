/**
 * The in-app notification centre: tells each user of what concerns them (a plan returned, an
 * approval requested, a step overdue, an urgent action opened…), with an unread badge in the
 * page header, a page and an API to read them, and optional e-mail through the deployment's
 * SMTP server. Other modules use {@link org.abri.notifications.Notifications} (which joins
 * their transaction) and {@link org.abri.notifications.Notification}.
 *
 * <p>A notification never holds a child's personal data: its message arguments are limited to
 * {@link org.abri.notifications.Notifications#ARGUMENTS} (the case number, the name of the staff
 * member who acted, the name of a step), and e-mails carry only that text and a link.
 */
package org.abri.notifications;
