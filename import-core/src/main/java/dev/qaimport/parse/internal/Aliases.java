package dev.qaimport.parse.internal;

import dev.qaimport.Field;
import java.text.Normalizer;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The names a column or JSON key may have for each {@link Field}, in many languages, and how a
 * name is compared with them. Immutable; the tables are built once.
 *
 * <p>A name is compared after {@link #normalize normalizing}: Unicode NFKC, lower case, runs of
 * spaces, {@code _}, {@code -}, {@code .} and {@code /} made one space, and punctuation, symbols and
 * spaces at either end dropped (so {@code " Çözüm: "}, {@code "QUESTION?"} and {@code "\uFEFFquestion"}
 * all compare by their word). Only whole names match: {@code faq_id} or {@code question_id} never
 * match {@code question}, so an id column is never taken for a field.
 *
 * <p>Each field has strong aliases and weak ones (generic words such as {@code title} or
 * {@code content}); a weak alias is used only when no strong one is present, and among several
 * candidates the earlier alias in the list wins.
 */
final class Aliases {
    /** A name's field and rank (lower is better; weak aliases rank from {@link #WEAK} on). */
    record Match(Field field, int rank) {
    }

    static final int WEAK = 1000;

    private static final Map<String, Match> TABLE = new HashMap<>();
    private static final Map<Field, List<String>> SHOWN = new EnumMap<>(Field.class);

    static {
        add(Field.QUESTION, false,
                "question", "questions", "q", "question text", "faq question", "query",
                "frage", "fragen", "pregunta", "preguntas", "pergunta", "perguntas", "domanda", "domande",
                "vraag", "vragen", "вопрос", "вопросы", "питання", "soru", "sorular", "pertanyaan", "soalan",
                "질문", "質問", "问题", "問題", "câu hỏi", "cau hoi", "pytanie", "kysymys", "fråga", "spørgsmål",
                "spørsmål", "otázka", "întrebare", "intrebare", "kérdés", "ερώτηση", "שאלה", "سؤال", "प्रश्न",
                "คำถาม", "tanong", "sual");
        add(Field.QUESTION, true, "title", "subject", "sujet", "heading", "problem");
        add(Field.ANSWER, false,
                "answer", "answers", "a", "response", "reply", "answer text", "faq answer",
                "antwort", "antworten", "respuesta", "respuestas", "resposta", "respostas", "risposta", "risposte",
                "antwoord", "antwoorden", "réponse", "reponse", "réponses", "ответ", "ответы", "відповідь",
                "cevap", "cevaplar", "yanıt", "yanit", "jawaban", "jawapan", "답변", "답", "回答", "答案", "答え",
                "câu trả lời", "cau tra loi", "odpowiedź", "vastaus", "svar", "odpověď", "răspuns", "raspuns",
                "válasz", "απάντηση", "תשובה", "إجابة", "جواب", "उत्तर", "คำตอบ", "sagot");
        add(Field.ANSWER, true, "content", "body", "text", "solution", "çözüm", "solución", "solução", "soluzione",
                "lösung", "oplossing", "решение");
        add(Field.CATEGORY, false,
                "category", "categories", "categoria", "categoría", "catégorie", "categorie", "kategorie",
                "kategori", "kategoria", "категория", "카테고리", "분류", "カテゴリ", "カテゴリー", "分类", "分類", "類別",
                "danh mục", "class", "topic", "section", "group", "thema", "tema", "konu", "rubrique", "rubriek");
        add(Field.TAGS, false,
                "tags", "tag", "keywords", "keyword", "labels", "label", "etiquetas", "etiqueta", "étiquettes",
                "schlagwörter", "schlagworte", "stichwörter", "trefwoorden", "теги", "метки", "ключевые слова",
                "etiketler", "anahtar kelimeler", "태그", "키워드", "タグ", "キーワード", "标签", "標籤", "关键词",
                "từ khóa", "mots clés", "mots cles", "palavras chave", "parole chiave", "kata kunci");
        SHOWN.put(Field.QUESTION, List.of("question", "q", "title", "frage", "pregunta", "pergunta", "domanda", "vraag", "вопрос", "soru",
                "질문", "質問", "问题", "câu hỏi"));
        SHOWN.put(Field.ANSWER, List.of("answer", "a", "response", "content", "antwort", "respuesta", "resposta", "risposta", "antwoord",
                "ответ", "cevap", "답변", "回答", "答案", "câu trả lời"));
        SHOWN.put(Field.CATEGORY, List.of("category", "categoria", "catégorie", "kategorie", "class", "topic", "section"));
        SHOWN.put(Field.TAGS, List.of("tags", "tag", "keywords", "labels", "etiquetas", "schlagwörter"));
    }

    private Aliases() {
    }

    private static void add(Field field, boolean weak, String... names) {
        int base = weak ? WEAK : 0;
        int rank = (int) TABLE.values().stream().filter(m -> m.field() == field && (m.rank() >= WEAK) == weak).count();
        for (String n : names) {
            String key = normalize(n);
            if (TABLE.putIfAbsent(key, new Match(field, base + rank++)) != null) {
                throw new IllegalStateException("alias listed twice: " + n);
            }
        }
    }

    /** The field {@code name} stands for, or {@code null}. */
    static Match match(String name) {
        return TABLE.get(normalize(name));
    }

    /** The field of an already {@link #normalize normalized} name, or {@code null}. */
    static Match matchNormalized(String normalized) {
        return TABLE.get(normalized);
    }

    /** A sample of the names recognised for {@code field}, for messages. */
    static List<String> names(Field field) {
        return SHOWN.getOrDefault(field, List.of());
    }

    /** {@code name} reduced to the form aliases are compared in. */
    static String normalize(String name) {
        if (name == null) {
            return "";
        }
        String s = name;
        if (!isPlainAscii(s)) {
            s = Normalizer.normalize(s, Normalizer.Form.NFKC);
        }
        s = s.toLowerCase(Locale.ROOT);
        StringBuilder b = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp) || cp == '_' || cp == '-' || cp == '.' || cp == '/'
                    || cp == '\ufeff' || cp == '\u200b') {
                space = b.length() > 0;
                continue;
            }
            if (space) {
                b.append(' ');
                space = false;
            }
            b.appendCodePoint(cp);
        }
        // Drop punctuation and symbols at the ends: "Çözüm:", "(Question)", "*answer*", "@type".
        int start = 0;
        int end = b.length();
        while (start < end && isEdge(b.codePointAt(start))) {
            start += Character.charCount(b.codePointAt(start));
        }
        while (end > start && isEdge(b.codePointBefore(end))) {
            end -= Character.charCount(b.codePointBefore(end));
        }
        return b.substring(start, end).strip();
    }

    private static boolean isPlainAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static boolean isEdge(int cp) {
        if (cp == ' ') {
            return true;
        }
        switch (Character.getType(cp)) {
            case Character.CONNECTOR_PUNCTUATION:
            case Character.DASH_PUNCTUATION:
            case Character.START_PUNCTUATION:
            case Character.END_PUNCTUATION:
            case Character.INITIAL_QUOTE_PUNCTUATION:
            case Character.FINAL_QUOTE_PUNCTUATION:
            case Character.OTHER_PUNCTUATION:
            case Character.MATH_SYMBOL:
            case Character.CURRENCY_SYMBOL:
            case Character.MODIFIER_SYMBOL:
            case Character.OTHER_SYMBOL:
            case Character.CONTROL:
            case Character.FORMAT:
                return true;
            default:
                return false;
        }
    }

    /**
     * The field a name that is not an alias probably stands for, for suggestions only: one of its
     * words is an alias ({@code question_en}, {@code q_en}) or it is an alias followed by digits
     * ({@code Respuesta1}). {@code null} if none.
     */
    static Field guess(String name) {
        String n = normalize(name);
        Match whole = TABLE.get(stripDigits(n));
        if (whole != null) {
            return whole.field();
        }
        Field best = null;
        int bestRank = Integer.MAX_VALUE;
        for (String word : n.split(" ")) {
            Match m = TABLE.get(stripDigits(word));
            if (m != null && m.rank() < bestRank) {
                best = m.field();
                bestRank = m.rank();
            }
        }
        return best;
    }

    private static String stripDigits(String s) {
        int end = s.length();
        while (end > 0 && Character.isDigit(s.charAt(end - 1))) {
            end--;
        }
        return end == 0 ? s : s.substring(0, end).strip();
    }

    /** Whether {@code name} is an alias of the category ({@code categories} may also name a list of groups). */
    static boolean isCategory(String name) {
        Match m = match(name);
        return m != null && m.field() == Field.CATEGORY;
    }

    /** Whether a name looks like an identifier column ({@code id}, {@code faq_id}, {@code #}, {@code slug}). */
    static boolean idLike(String name) {
        String n = normalize(name);
        if (n.isEmpty()) {
            return true;
        }
        switch (n) {
            case "id":
            case "no":
            case "nr":
            case "number":
            case "key":
            case "slug":
            case "uuid":
            case "guid":
            case "index":
            case "idx":
                return true;
            default:
                return n.endsWith(" id") || n.startsWith("id ");
        }
    }
}
