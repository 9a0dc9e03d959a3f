package dev.qaimport.batch.internal;

import dev.qaimport.model.ParsedQA;
import dev.qaimport.parse.internal.ParsedRow;
import dev.qaimport.parse.internal.RecordReader;
import java.util.Iterator;

/** Where the pipeline pulls rows from: a file reader or a caller's iterator. Single-threaded. */
interface RowSource {
    /** The next row, or {@code null} at the end. */
    ParsedRow next();

    /** Payload bytes consumed so far, or 0 if unknown. */
    long bytesRead();

    static RowSource of(RecordReader reader) {
        return new RowSource() {
            @Override
            public ParsedRow next() {
                return reader.next();
            }

            @Override
            public long bytesRead() {
                return reader.bytesRead();
            }
        };
    }

    static RowSource of(Iterator<ParsedQA> items) {
        return new RowSource() {
            @Override
            public ParsedRow next() {
                return items.hasNext() ? ParsedRow.of(items.next()) : null;
            }

            @Override
            public long bytesRead() {
                return 0;
            }
        };
    }

    /** This source without the rows up to and including {@code checkpoint} (already committed). */
    default RowSource after(long checkpoint) {
        if (checkpoint <= 0) {
            return this;
        }
        RowSource self = this;
        return new RowSource() {
            @Override
            public ParsedRow next() {
                ParsedRow r;
                do {
                    r = self.next();
                } while (r != null && r.row() <= checkpoint);
                return r;
            }

            @Override
            public long bytesRead() {
                return self.bytesRead();
            }
        };
    }
}
