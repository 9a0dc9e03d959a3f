package dev.qaimport.jobs.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.qaimport.AnswerFormat;
import dev.qaimport.AnswerMarkup;
import dev.qaimport.Field;
import dev.qaimport.ImportException;
import dev.qaimport.ImportOptions;
import dev.qaimport.model.DuplicatePolicy;
import dev.qaimport.model.EmbeddingProfile;
import dev.qaimport.model.ErrorCodes;
import dev.qaimport.model.SourceType;
import java.nio.charset.Charset;
import java.util.Iterator;
import java.util.Map;

/**
 * Turns {@link ImportOptions} into the JSON text stored with a job and back, so that a resumed
 * job is read exactly as it was first read. Unknown keys are ignored for forward compatibility.
 */
final class OptionsCodec {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private OptionsCodec() {
    }

    static String encode(ImportOptions o) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("version", 1);
        if (o.sourceType() != null) {
            n.put("sourceType", o.sourceType().name());
        }
        if (o.encoding() != null) {
            n.put("encoding", o.encoding().name());
        }
        // Always written: jobs stored before detection became the default have no key and keep
        // reading their file strictly, so that a resumed job decodes it as it began to.
        n.put("detectEncoding", o.detectEncoding());
        if (o.delimiter() != null) {
            n.put("delimiter", String.valueOf(o.delimiter()));
        }
        if (!o.columns().isEmpty()) {
            ObjectNode cols = n.putObject("columns");
            o.columns().forEach((f, name) -> cols.put(f.key(), name));
        }
        if (o.recordsPath() != null) {
            n.put("recordsPath", o.recordsPath());
        }
        if (o.sheet() != null) {
            n.put("sheet", o.sheet());
        }
        if (o.duplicatePolicy() != null) {
            n.put("duplicatePolicy", o.duplicatePolicy().name());
        }
        if (o.answerFormat() != null) {
            n.put("answerFormat", o.answerFormat().name());
        }
        if (o.language() != null) {
            n.put("language", o.language());
        }
        if (o.answerMarkup() != null) {
            n.put("answerMarkup", o.answerMarkup().name());
        }
        if (o.embeddingProfile() != null) {
            EmbeddingProfile p = o.embeddingProfile();
            ObjectNode e = n.putObject("embedding");
            e.put("provider", p.provider());
            putIfSet(e, "baseUrl", p.baseUrl());
            putIfSet(e, "model", p.model());
            if (p.dimensions() != null) {
                e.put("dimensions", p.dimensions());
            }
            putIfSet(e, "input", p.input());
        }
        return n.toString();
    }

    private static void putIfSet(ObjectNode n, String key, String value) {
        if (value != null) {
            n.put(key, value);
        }
    }

    private static String text(JsonNode n, String key) {
        return n.hasNonNull(key) ? n.get(key).asText() : null;
    }

    static ImportOptions decode(String json) {
        try {
            JsonNode n = MAPPER.readTree(json);
            ImportOptions.Builder b = ImportOptions.builder();
            if (n.hasNonNull("sourceType")) {
                b.sourceType(SourceType.valueOf(n.get("sourceType").asText()));
            }
            if (n.hasNonNull("encoding")) {
                b.encoding(Charset.forName(n.get("encoding").asText()));
            }
            b.detectEncoding(n.path("detectEncoding").asBoolean(false));
            if (n.hasNonNull("delimiter")) {
                b.delimiter(n.get("delimiter").asText().charAt(0));
            }
            if (n.hasNonNull("columns")) {
                Iterator<Map.Entry<String, JsonNode>> it = n.get("columns").fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    b.column(Field.parse(e.getKey()), e.getValue().asText());
                }
            }
            if (n.hasNonNull("recordsPath")) {
                b.recordsPath(n.get("recordsPath").asText());
            }
            if (n.hasNonNull("sheet")) {
                b.sheet(n.get("sheet").asText());
            }
            if (n.hasNonNull("duplicatePolicy")) {
                b.duplicatePolicy(DuplicatePolicy.valueOf(n.get("duplicatePolicy").asText()));
            }
            if (n.hasNonNull("answerFormat")) {
                b.answerFormat(AnswerFormat.valueOf(n.get("answerFormat").asText()));
            }
            if (n.hasNonNull("language")) {
                b.language(n.get("language").asText());
            }
            if (n.hasNonNull("answerMarkup")) {
                b.answerMarkup(AnswerMarkup.valueOf(n.get("answerMarkup").asText()));
            }
            if (n.hasNonNull("embedding")) {
                JsonNode e = n.get("embedding");
                b.embeddingProfile(new EmbeddingProfile(e.path("provider").asText(), text(e, "baseUrl"), text(e, "model"),
                        e.hasNonNull("dimensions") ? e.get("dimensions").asInt() : null, text(e, "input")));
            }
            return b.build();
        } catch (Exception e) {
            throw new ImportException(ErrorCodes.ILLEGAL_STATE, "the job's stored options cannot be read: " + e.getMessage(), e);
        }
    }
}
