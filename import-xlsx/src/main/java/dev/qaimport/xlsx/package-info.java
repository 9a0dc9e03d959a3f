/** Reading Excel workbooks ({@code .xlsx}) for qa-import: {@link dev.qaimport.xlsx.XlsxSheetReader}. */
package dev.qaimport.xlsx;
