package dev.qaimport.benchmarks.xlsx;

import dev.qaimport.ImportOptions;
import dev.qaimport.Limits;
import dev.qaimport.QaImport;
import dev.qaimport.benchmarks.data.FaqGenerator;
import dev.qaimport.jdbc.JdbcImportStore;
import dev.qaimport.jdbc.SchemaInstaller;
import dev.qaimport.model.ImportJob;
import dev.qaimport.model.SourceType;
import dev.qaimport.parse.internal.ParsedRow;
import dev.qaimport.parse.internal.RecordReader;
import dev.qaimport.parse.internal.RecordReaders;
import dev.qaimport.xlsx.XlsxSheetReader;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The same generated rows as CSV and as an .xlsx workbook (every cell a shared string), each read
 * (parse only) and imported (into an in-memory H2, no embeddings) in a fresh child JVM with a
 * small heap: rows per second and the peak heap. Prints a Markdown table.
 */
public final class XlsxBenchmark {
    private XlsxBenchmark() {
    }

    /** Runs the benchmark in {@code dir}: {@code rows} rows, {@code rounds} rounds, child heap {@code xmx}. */
    public static String run(Path dir, long rows, int rounds, String xmx) throws Exception {
        Path csv = dir.resolve("faq.csv");
        FaqGenerator.clean(rows).write(csv);
        Path xlsx = dir.resolve("faq.xlsx");
        CsvToXlsx.convert(csv, xlsx);
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "%,d rows; CSV %.1f MiB, workbook %.1f MiB; child JVMs -Xmx%s%n%n",
                rows, Files.size(csv) / 1048576.0, Files.size(xlsx) / 1048576.0, xmx));
        table.append("| file | stage | rows/s (median of ").append(rounds).append(") | peak heap MiB (max) |\n|---|---|---|---|\n");
        for (String stage : List.of("parse", "import")) {
            for (Path file : List.of(csv, xlsx)) {
                List<double[]> results = new ArrayList<>();
                for (int i = 0; i < rounds; i++) {
                    results.add(child(stage, file, xmx));
                }
                double[] rates = results.stream().mapToDouble(r -> r[0]).sorted().toArray();
                double peak = results.stream().mapToDouble(r -> r[1]).max().orElse(0);
                table.append(String.format(Locale.ROOT, "| %s | %s | %,.0f | %.0f |%n", file.getFileName(), stage, rates[rates.length / 2], peak));
            }
        }
        return table.toString();
    }

    private static double[] child(String stage, Path file, String xmx) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx" + xmx, "-cp", System.getProperty("java.class.path"), XlsxBenchmark.class.getName(), stage,
                file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(20, TimeUnit.MINUTES) || p.exitValue() != 0 || !out.contains("RESULT ")) {
            throw new IllegalStateException("child " + stage + " " + file + " failed:\n" + out);
        }
        String[] parts = out.substring(out.indexOf("RESULT ") + 7).strip().split("\\s+");
        return new double[] {Double.parseDouble(parts[0]), Double.parseDouble(parts[1])};
    }

    /** The child: {@code parse FILE} or {@code import FILE}; prints {@code RESULT rows/s peakMiB}. */
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[1]);
        SourceType type = SourceType.fromFilename(file.toString()).orElseThrow();
        XlsxSheetReader sheets = XlsxSheetReader.builder().tempDirectory(file.getParent()).build();
        long start = System.nanoTime();
        long rows = 0;
        if (args[0].equals("parse")) {
            try (InputStream in = Files.newInputStream(file);
                    RecordReader r = RecordReaders.open(in, type, ImportOptions.defaults(), Limits.defaults(), sheets)) {
                ParsedRow row;
                while ((row = r.next()) != null) {
                    rows += row.row() > 0 ? 1 : 0;
                }
            }
        } else {
            JdbcDataSource ds = new JdbcDataSource();
            ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
            SchemaInstaller.install(ds);
            try (JdbcImportStore store = JdbcImportStore.create(ds);
                    QaImport qa = QaImport.builder().store(store).autoStart(false).recoveryInterval(Duration.ZERO).sheetReader(sheets).build()) {
                ImportJob job = qa.processImport(qa.startImport(file, type));
                if (job.errorMessage() != null) {
                    throw new IllegalStateException(job.status() + ": " + job.errorMessage());
                }
                rows = job.processedRows();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf(Locale.ROOT, "RESULT %.1f %.1f%n", rows / seconds, peak / 1048576.0);
    }
}
