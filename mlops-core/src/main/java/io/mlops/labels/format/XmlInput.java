package io.mlops.labels.format;

import io.mlops.error.UserError;
import io.mlops.labels.Location;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A streaming cursor over an XML label file that can never resolve an entity or load a DTD.
 *
 * <p>Label files come from annotation vendors and shared drives: an XML external entity would let
 * such a file read local files or reach the network (XXE). Every parser the suite creates is
 * made here, with DTD support and external entities off, and a file that declares a DOCTYPE at
 * all is refused, because no label format needs one.
 */
final class XmlInput implements AutoCloseable {
    private final String file;
    private final InputStream stream;
    private final XMLStreamReader reader;

    private XmlInput(String file, InputStream stream, XMLStreamReader reader) {
        this.file = file;
        this.stream = stream;
        this.reader = reader;
    }

    /**
     * Opens a file.
     *
     * @param path the XML file
     * @return the cursor, before the first event
     * @throws UserError when the file is missing, unreadable or does not start as XML
     */
    static XmlInput open(Path path) {
        String file = path.toString();
        InputStream stream;
        try {
            stream = Files.newInputStream(path);
        } catch (NoSuchFileException e) {
            throw new UserError("no such label file: " + file, e);
        } catch (IOException e) {
            throw new UserError("cannot read label file " + file + ": " + e.getMessage(), e);
        }
        try {
            return new XmlInput(file, stream, hardenedFactory().createXMLStreamReader(stream));
        } catch (XMLStreamException e) {
            closeQuietly(stream);
            throw malformed(file, e);
        }
    }

    /**
     * A StAX factory with every way to reach outside the file switched off.
     *
     * @return the factory (the JDK's own implementation, whatever else is on the class path)
     */
    static XMLInputFactory hardenedFactory() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        return factory;
    }

    /**
     * Moves to the next start or end element, skipping text, comments and processing instructions.
     *
     * @return {@link XMLStreamConstants#START_ELEMENT}, {@link XMLStreamConstants#END_ELEMENT} or
     *     {@link XMLStreamConstants#END_DOCUMENT}
     * @throws UserError on malformed XML or a DOCTYPE
     */
    int nextTag() {
        try {
            while (true) {
                int event = reader.next();
                switch (event) {
                    case XMLStreamConstants.START_ELEMENT,
                            XMLStreamConstants.END_ELEMENT,
                            XMLStreamConstants.END_DOCUMENT -> {
                        return event;
                    }
                    case XMLStreamConstants.DTD ->
                        throw new UserError(location() + ": the file declares a DOCTYPE;"
                                + " label files need none and it is refused, so that no external entity (XXE) is ever"
                                + " resolved");
                    case XMLStreamConstants.ENTITY_REFERENCE ->
                        throw new UserError(location() + ": entity reference '&"
                                + reader.getLocalName() + ";' is not resolved: the file may only use XML's predefined"
                                + " entities");
                    default -> {
                        // text between elements, comments, processing instructions: nothing to read
                    }
                }
            }
        } catch (XMLStreamException e) {
            throw malformed(file, e);
        }
    }

    /**
     * The local name of the current element.
     *
     * @return e.g. {@code box}
     */
    String name() {
        return reader.getLocalName();
    }

    /**
     * An attribute of the current start element.
     *
     * @param name the attribute's local name
     * @return its value, or null when absent
     */
    String attribute(String name) {
        return reader.getAttributeValue(null, name);
    }

    /**
     * The text of the current element, which must hold only text; leaves the cursor on its end.
     *
     * @return the trimmed text
     * @throws UserError on malformed XML or when the element holds other elements
     */
    String text() {
        try {
            return reader.getElementText().strip();
        } catch (XMLStreamException e) {
            throw malformed(file, e);
        }
    }

    /**
     * Skips the current element and everything inside it; leaves the cursor on its end.
     *
     * @throws UserError on malformed XML or a DOCTYPE
     */
    void skipElement() {
        int depth = 1;
        while (depth > 0) {
            int event = nextTag();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            } else {
                return;
            }
        }
    }

    /**
     * Where the cursor is.
     *
     * @return the file, line and column
     */
    Location location() {
        javax.xml.stream.Location at = reader.getLocation();
        if (at == null || at.getLineNumber() < 1) {
            return Location.of(file);
        }
        return new Location(file, at.getLineNumber(), Math.max(0, at.getColumnNumber()));
    }

    /**
     * The file as the user named it.
     *
     * @return the file name
     */
    String file() {
        return file;
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (XMLStreamException e) {
            // closing a reader that failed has nothing left to report
        }
        closeQuietly(stream);
    }

    private static UserError malformed(String file, XMLStreamException e) {
        javax.xml.stream.Location at = e.getLocation();
        Location where = at == null || at.getLineNumber() < 1
                ? Location.of(file)
                : new Location(file, at.getLineNumber(), Math.max(0, at.getColumnNumber()));
        String message = e.getMessage();
        // the JDK prefixes its message with "ParseError at [row,col]:[l,c]\nMessage: "
        int marker = message == null ? -1 : message.indexOf("Message: ");
        String reason = marker >= 0 ? message.substring(marker + "Message: ".length()) : String.valueOf(message);
        return new UserError(where + ": malformed XML: " + reason.strip(), e);
    }

    private static void closeQuietly(InputStream stream) {
        try {
            stream.close();
        } catch (IOException e) {
            // nothing was written; a failing close of an input changes nothing
        }
    }
}
