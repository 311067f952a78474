/**
 * The web console (private to its bundle): a servlet on the OSGi Servlet Whiteboard that serves
 * the page, its scripts, the platform's state and load history as JSON, and the two changes an
 * operator makes from the page (the active scheduling policy, queue counts).
 */
package io.warpdrive.webconsole;
