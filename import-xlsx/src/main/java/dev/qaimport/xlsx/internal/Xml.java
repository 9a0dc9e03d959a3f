package dev.qaimport.xlsx.internal;

import dev.qaimport.ImportException;
import dev.qaimport.model.ErrorCodes;
import java.io.InputStream;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * StAX for the workbook's parts, hardened: no DTDs, so neither external entities nor entity
 * expansion; a part that declares a DTD is refused as soon as it is met. Office suites never
 * write one.
 */
final class Xml {
    private static final XMLInputFactory FACTORY = factory();

    private Xml() {
    }

    private static XMLInputFactory factory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, false);
        try {
            f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        } catch (IllegalArgumentException e) {
            // Not every StAX implementation knows the JAXP property; SUPPORT_DTD already refuses DTDs.
        }
        return f;
    }

    /** A reader of {@code in}, the part {@code part}. */
    static XMLStreamReader open(InputStream in, String part) {
        try {
            return FACTORY.createXMLStreamReader(in);
        } catch (XMLStreamException e) {
            throw broken(part, e);
        }
    }

    /**
     * The next event, refusing a DTD or an entity reference (a {@code &name;} that XML does not
     * define itself, possible only with a DTD).
     */
    static int next(XMLStreamReader r, String part) {
        try {
            int e = r.next();
            if (e == XMLStreamConstants.DTD || e == XMLStreamConstants.ENTITY_REFERENCE) {
                throw new ImportException(ErrorCodes.MALFORMED_FILE, part + ": the workbook's XML declares a DTD or uses entities "
                        + "(external entities, entity expansion); workbooks saved by an office suite never do, so it is refused");
            }
            return e;
        } catch (XMLStreamException e) {
            throw broken(part, e);
        }
    }

    static ImportException broken(String part, Exception e) {
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            if (c instanceof ImportException) {
                return (ImportException) c;
            }
        }
        String m = String.valueOf(e.getMessage());
        if (m.contains("DOCTYPE") || m.contains("DTD") || m.contains("entity")) {
            return new ImportException(ErrorCodes.MALFORMED_FILE, part + ": the workbook's XML declares a DTD or uses entities "
                    + "(external entities, entity expansion); workbooks saved by an office suite never do, so it is refused", e);
        }
        return new ImportException(ErrorCodes.MALFORMED_FILE, part + ": the workbook's XML is broken: " + m, e);
    }

    /** The attribute's value, or {@code null}; ignores namespaces except for {@code r:id}-style prefixes. */
    static String attr(XMLStreamReader r, String localName) {
        for (int i = 0; i < r.getAttributeCount(); i++) {
            if (r.getAttributeLocalName(i).equals(localName)) {
                return r.getAttributeValue(i);
            }
        }
        return null;
    }

    /** Appends the text of the current text event to {@code sb}, keeping at most {@code max} characters in it. */
    static void appendText(XMLStreamReader r, StringBuilder sb, int max) {
        int room = max - sb.length();
        if (room > 0) {
            sb.append(r.getTextCharacters(), r.getTextStart(), Math.min(room, r.getTextLength()));
        }
    }

    static void close(XMLStreamReader r) {
        try {
            r.close();
        } catch (XMLStreamException e) {
            // Closing a reader releases nothing the import needs.
        }
    }
}
