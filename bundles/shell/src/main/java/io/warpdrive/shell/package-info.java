/** The wd: commands and the one-shot command line (private to the shell bundle). */
package io.warpdrive.shell;
