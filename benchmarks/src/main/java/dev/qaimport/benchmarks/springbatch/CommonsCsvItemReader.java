package dev.qaimport.benchmarks.springbatch;

import dev.qaimport.benchmarks.baseline.FaqCsv;
import dev.qaimport.benchmarks.baseline.FaqRow;
import java.nio.file.Path;
import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;

/**
 * A restartable Spring Batch reader of the FAQ CSV on top of commons-csv, which handles quoted
 * fields with commas, quotes and line breaks as RFC 4180 says. Restart skips the items already
 * committed ({@code jumpToItem}), as Spring Batch's own file readers do. Not final: the step
 * scope proxies it.
 */
public class CommonsCsvItemReader extends AbstractItemCountingItemStreamItemReader<FaqRow> {
    private final Path file;
    private FaqCsv csv;

    /** A reader of {@code file}. */
    public CommonsCsvItemReader(Path file) {
        this.file = file;
        setName("faqCsvReader");
    }

    @Override
    protected FaqRow doRead() {
        return csv.next();
    }

    @Override
    protected void doOpen() {
        csv = FaqCsv.open(file);
    }

    @Override
    protected void doClose() {
        if (csv != null) {
            csv.close();
            csv = null;
        }
    }
}
