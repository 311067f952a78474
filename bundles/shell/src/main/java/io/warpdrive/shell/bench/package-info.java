/** The uadk_tool-style benchmark of the platform against java.util.zip (private to the shell bundle). */
package io.warpdrive.shell.bench;
