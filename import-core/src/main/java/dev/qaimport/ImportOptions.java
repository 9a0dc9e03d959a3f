package dev.qaimport;

import dev.qaimport.model.DuplicatePolicy;
import dev.qaimport.model.EmbeddingProfile;
import dev.qaimport.model.SourceType;
import java.nio.charset.Charset;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * How one file is read and imported. Stored with the job, so that a worker that resumes the job
 * reads the file the same way. Immutable; build with {@link #builder()}.
 *
 * <p>Unset values fall back to the {@link QaImport}'s defaults or are detected: the format from
 * the file name, the encoding from a byte-order mark (UTF-8 otherwise, or the legacy encoding
 * detected when the file is not UTF-8), the CSV delimiter from
 * the header line, the columns from known names and aliases.
 */
public final class ImportOptions {
    private static final ImportOptions DEFAULTS = builder().build();

    private final SourceType sourceType;
    private final Charset encoding;
    private final boolean detectEncoding;
    private final Character delimiter;
    private final Map<Field, String> columns;
    private final String recordsPath;
    private final String sheet;
    private final DuplicatePolicy duplicatePolicy;
    private final AnswerFormat answerFormat;
    private final EmbeddingProfile embeddingProfile;
    private final String collection;
    private final AnswerMarkup answerMarkup;
    private final String language;

    private ImportOptions(Builder b) {
        this.sourceType = b.sourceType;
        this.encoding = b.encoding;
        this.detectEncoding = b.detectEncoding;
        this.delimiter = b.delimiter;
        this.columns = Collections.unmodifiableMap(new EnumMap<>(b.columns));
        this.recordsPath = b.recordsPath;
        this.sheet = b.sheet;
        this.duplicatePolicy = b.duplicatePolicy;
        this.answerFormat = b.answerFormat;
        this.embeddingProfile = b.embeddingProfile;
        this.collection = b.collection;
        this.answerMarkup = b.answerMarkup;
        this.language = b.language;
    }

    /** Options with nothing set: everything detected or taken from the defaults. */
    public static ImportOptions defaults() {
        return DEFAULTS;
    }

    /** A builder with nothing set. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.sourceType = sourceType;
        b.encoding = encoding;
        b.detectEncoding = detectEncoding;
        b.delimiter = delimiter;
        b.columns.putAll(columns);
        b.recordsPath = recordsPath;
        b.sheet = sheet;
        b.duplicatePolicy = duplicatePolicy;
        b.answerFormat = answerFormat;
        b.embeddingProfile = embeddingProfile;
        b.collection = collection;
        b.answerMarkup = answerMarkup;
        b.language = language;
        return b;
    }

    /** The format, or {@code null} to take it from the file name. */
    public SourceType sourceType() {
        return sourceType;
    }

    /** The encoding, or {@code null} for UTF-8 unless a byte-order mark says otherwise. */
    public Charset encoding() {
        return encoding;
    }

    /**
     * Whether a file that is not valid UTF-8 is read in the legacy encoding detected from its
     * first 64 KiB (Windows-1251, KOI8-R, Shift_JIS, GBK, EUC-KR and others; Windows-1252 for
     * Western European text and whatever is not recognised) instead of being reported as an
     * encoding error. On by default: the encoding chosen and the detector's confidence are the
     * job's {@link dev.qaimport.model.ImportJob#fileNote() file note}. Off ({@code --strict-encoding})
     * makes every file that is not UTF-8 an {@code ENCODING} error that names the likely encoding.
     * An explicit {@link #encoding()} or a byte-order mark wins over detection.
     */
    public boolean detectEncoding() {
        return detectEncoding;
    }

    /** The CSV delimiter, or {@code null} to detect it ({@code ,}, {@code ;}, tab or {@code |}). */
    public Character delimiter() {
        return delimiter;
    }

    /**
     * Explicit column (CSV/TSV header) or key (JSON, dotted for nested objects such as
     * {@code acceptedAnswer.text}) for each field; fields not named here are found by alias.
     */
    public Map<Field, String> columns() {
        return columns;
    }

    /**
     * For JSON: the dotted path of the array (or object of objects) holding the records, or
     * {@code null} to find it.
     */
    public String recordsPath() {
        return recordsPath;
    }

    /**
     * For workbooks: the sheet to read, by name or as its 1-based position ({@code "2"}), or
     * {@code null} for the first visible sheet.
     */
    public String sheet() {
        return sheet;
    }

    /** The duplicate policy, or {@code null} for the {@link QaImport}'s default. */
    public DuplicatePolicy duplicatePolicy() {
        return duplicatePolicy;
    }

    /** The answer format, or {@code null} for the {@link QaImport}'s default. */
    public AnswerFormat answerFormat() {
        return answerFormat;
    }

    /**
     * How the job's pairs are to be embedded, or {@code null} for the profile of the
     * {@link QaImport}'s embedding service (nothing recorded when it has none, and any provider
     * may embed the job).
     */
    public EmbeddingProfile embeddingProfile() {
        return embeddingProfile;
    }

    /**
     * The collection (knowledge base) the job and its pairs belong to, or {@code null} for the
     * one the job is started through.
     */
    public String collection() {
        return collection;
    }

    /** The markup answers are written in, or {@code null} for {@link AnswerMarkup#NONE} (taken as they are). */
    public AnswerMarkup answerMarkup() {
        return answerMarkup;
    }

    /**
     * For files with a question and answer per language ({@code question_en}, {@code q_fr}): the
     * language suffix to read, in lower case, or {@code null} to read the only one there is.
     */
    public String language() {
        return language;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ImportOptions)) {
            return false;
        }
        ImportOptions other = (ImportOptions) o;
        return sourceType == other.sourceType && Objects.equals(encoding, other.encoding)
                && detectEncoding == other.detectEncoding && Objects.equals(delimiter, other.delimiter)
                && columns.equals(other.columns) && Objects.equals(recordsPath, other.recordsPath) && Objects.equals(sheet, other.sheet)
                && duplicatePolicy == other.duplicatePolicy && answerFormat == other.answerFormat
                && Objects.equals(embeddingProfile, other.embeddingProfile) && Objects.equals(collection, other.collection)
                && answerMarkup == other.answerMarkup && Objects.equals(language, other.language);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sourceType, encoding, detectEncoding, delimiter, columns, recordsPath, sheet, duplicatePolicy, answerFormat,
                embeddingProfile, collection, answerMarkup, language);
    }

    @Override
    public String toString() {
        return "ImportOptions{sourceType=" + sourceType + ", encoding=" + encoding + ", detectEncoding=" + detectEncoding
                + ", delimiter=" + (delimiter == null ? null : "'" + delimiter + "'") + ", columns=" + columns
                + ", recordsPath=" + recordsPath + ", sheet=" + sheet + ", duplicatePolicy=" + duplicatePolicy + ", answerFormat=" + answerFormat
                + ", embeddingProfile=" + embeddingProfile + ", collection=" + collection + ", answerMarkup=" + answerMarkup + ", language=" + language + "}";
    }

    /** Builds {@link ImportOptions}. Not thread-safe. */
    public static final class Builder {
        private SourceType sourceType;
        private Charset encoding;
        private boolean detectEncoding = true;
        private Character delimiter;
        private final Map<Field, String> columns = new EnumMap<>(Field.class);
        private String recordsPath;
        private String sheet;
        private DuplicatePolicy duplicatePolicy;
        private AnswerFormat answerFormat;
        private EmbeddingProfile embeddingProfile;
        private String collection;
        private AnswerMarkup answerMarkup;
        private String language;

        private Builder() {
        }

        /** The format; {@code null} takes it from the file name. */
        public Builder sourceType(SourceType sourceType) {
            this.sourceType = sourceType;
            return this;
        }

        /** The encoding; {@code null} means UTF-8 unless a byte-order mark says otherwise. */
        public Builder encoding(Charset encoding) {
            this.encoding = encoding;
            return this;
        }

        /**
         * Whether a file that is not valid UTF-8 is read in the legacy encoding detected (the
         * default) or refused (see {@link ImportOptions#detectEncoding()}).
         */
        public Builder detectEncoding(boolean detectEncoding) {
            this.detectEncoding = detectEncoding;
            return this;
        }

        /** The CSV delimiter; {@code null} detects it. */
        public Builder delimiter(Character delimiter) {
            if (delimiter != null && (delimiter == '"' || delimiter == '\n' || delimiter == '\r')) {
                throw new IllegalArgumentException("delimiter cannot be a quote or a line break: " + delimiter);
            }
            this.delimiter = delimiter;
            return this;
        }

        /** Reads {@code field} from the column (or JSON key path) {@code name}. */
        public Builder column(Field field, String name) {
            Objects.requireNonNull(field, "field");
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("column name for " + field.key() + " is blank");
            }
            columns.put(field, name.strip());
            return this;
        }

        /** Sets every mapping of {@code mapping} (see {@link #column}). */
        public Builder columns(Map<Field, String> mapping) {
            mapping.forEach(this::column);
            return this;
        }

        /** For JSON: the dotted path of the records, or {@code null} to find it. */
        public Builder recordsPath(String recordsPath) {
            this.recordsPath = recordsPath == null || recordsPath.isBlank() ? null : recordsPath.strip();
            return this;
        }

        /**
         * For workbooks: the sheet by name, or by 1-based position ({@code "2"}) when no sheet has
         * that name; {@code null} or blank for the first visible sheet.
         */
        public Builder sheet(String sheet) {
            this.sheet = sheet == null || sheet.isBlank() ? null : sheet;
            return this;
        }

        /** The duplicate policy; {@code null} takes the {@link QaImport}'s default. */
        public Builder duplicatePolicy(DuplicatePolicy duplicatePolicy) {
            this.duplicatePolicy = duplicatePolicy;
            return this;
        }

        /** The answer format; {@code null} takes the {@link QaImport}'s default. */
        public Builder answerFormat(AnswerFormat answerFormat) {
            this.answerFormat = answerFormat;
            return this;
        }

        /**
         * How the job's pairs are to be embedded, for example {@link EmbeddingProfile#none()} for
         * no embeddings; {@code null} takes the profile of the {@link QaImport}'s embedding service.
         */
        public Builder embeddingProfile(EmbeddingProfile embeddingProfile) {
            this.embeddingProfile = embeddingProfile;
            return this;
        }

        /**
         * The collection (knowledge base) of the job and its pairs; {@code null} (the default)
         * for the one the job is started through. Duplicates are looked for within it only.
         *
         * @throws IllegalArgumentException for a name {@link CollectionName#check} refuses
         */
        public Builder collection(String collection) {
            this.collection = collection == null ? null : CollectionName.check(collection);
            return this;
        }

        /**
         * The markup answers are written in, for example {@link AnswerMarkup#MARKDOWN}; {@code null}
         * (the default) takes them as they are.
         */
        public Builder answerMarkup(AnswerMarkup answerMarkup) {
            this.answerMarkup = answerMarkup;
            return this;
        }

        /**
         * The language to read from a file whose columns or keys carry a language suffix
         * ({@code question_th}/{@code answer_th}, {@code q_en}/{@code a_en}); {@code null} (the
         * default) reads the only language there is, and a file with several is refused.
         *
         * @throws IllegalArgumentException for a value that is not letters, optionally with a region ({@code pt-BR})
         */
        public Builder language(String language) {
            if (language == null || language.isBlank()) {
                this.language = null;
                return this;
            }
            String l = language.strip().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
            if (!l.matches("\\p{Alpha}{2,8}(-\\p{Alnum}{2,8})?")) {
                throw new IllegalArgumentException("language is not a language code such as en, th or pt-BR: " + language);
            }
            this.language = l;
            return this;
        }

        /** The options. */
        public ImportOptions build() {
            return new ImportOptions(this);
        }
    }
}
