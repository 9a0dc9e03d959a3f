/** The workbook reader's parts: the guarded zip, the XML parts (workbook, styles, shared strings, sheet). Not API. */
package dev.qaimport.xlsx.internal;
