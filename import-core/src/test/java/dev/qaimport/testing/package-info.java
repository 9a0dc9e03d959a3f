/** Test helpers shared by the modules' tests through the core's test jar: the property runner and generators. */
package dev.qaimport.testing;
