package io.mlops.agent.labeling;

import io.mlops.error.UserError;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * What a Label Studio project's labeling config says about boxes: the {@code RectangleLabels} control
 * ({@code from_name}), the {@code Image} it labels ({@code to_name}), the task data key holding the
 * image URL ({@code $image}), and its labels. A model class maps to the label of the same name, then to
 * one of the same name ignoring case, then to a label whose {@code predicted_values} (Label Studio's
 * own attribute for this) lists it; a class that maps to no label is not predicted.
 *
 * @param fromName the RectangleLabels control's name
 * @param toName the Image's name
 * @param dataKey the task data key of the image URL
 * @param labels the label values, in the config's order
 * @param aliases model class names (from {@code predicted_values}) to label values
 */
public record LabelingConfig(
        String fromName, String toName, String dataKey, List<String> labels, Map<String, String> aliases) {
    private static final int MAX_CONFIG_CHARS = 1_000_000;

    /** Copies the collections. */
    public LabelingConfig {
        labels = List.copyOf(labels);
        aliases = Map.copyOf(aliases);
    }

    /**
     * Reads a labeling config.
     *
     * @param xml the project's {@code label_config}
     * @return the box control it holds
     * @throws UserError when it is not XML or has no RectangleLabels on an Image
     */
    public static LabelingConfig parse(String xml) {
        if (xml == null || xml.isBlank()) {
            throw new UserError("the request carries no labeling config (label_config or schema)");
        }
        if (xml.length() > MAX_CONFIG_CHARS) {
            throw new UserError("the labeling config is longer than " + MAX_CONFIG_CHARS + " characters");
        }
        Document document = document(xml);
        Map<String, Element> images = new LinkedHashMap<>();
        List<Element> rectangles = new ArrayList<>();
        NodeList all = document.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            Element element = (Element) all.item(i);
            String tag = element.getTagName().toLowerCase(Locale.ROOT);
            if (tag.equals("image")) {
                images.put(element.getAttribute("name"), element);
            } else if (tag.equals("rectanglelabels")) {
                rectangles.add(element);
            }
        }
        for (Element control : rectangles) {
            String toName = control.getAttribute("toName").split(",")[0].strip();
            Element image = images.get(toName);
            if (image == null) {
                continue;
            }
            String value = image.getAttribute("value").strip();
            if (!value.startsWith("$") || value.length() < 2) {
                throw new UserError("the labeling config's Image '" + toName + "' takes its value from '" + value
                        + "', not from a task data key such as $image");
            }
            List<String> labels = new ArrayList<>();
            Map<String, String> aliases = new LinkedHashMap<>();
            NodeList children = control.getChildNodes();
            for (int i = 0; i < children.getLength(); i++) {
                Node child = children.item(i);
                if (child instanceof Element label
                        && label.getTagName().equalsIgnoreCase("Label")
                        && !label.getAttribute("value").isEmpty()) {
                    labels.add(label.getAttribute("value"));
                    for (String alias : label.getAttribute("predicted_values").split(",")) {
                        if (!alias.isBlank()) {
                            aliases.putIfAbsent(alias.strip(), label.getAttribute("value"));
                        }
                    }
                }
            }
            return new LabelingConfig(control.getAttribute("name"), toName, value.substring(1), labels, aliases);
        }
        throw new UserError("the labeling config has no RectangleLabels control on an Image;"
                + " a detector pre-annotates boxes only");
    }

    /**
     * The label a model class is predicted as.
     *
     * @param className the model's class name
     * @return the config's label, or null when none matches
     */
    public String labelFor(String className) {
        if (labels.contains(className)) {
            return className;
        }
        for (String label : labels) {
            if (label.equalsIgnoreCase(className)) {
                return label;
            }
        }
        return aliases.get(className);
    }

    private static Document document(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            // a config comes from the network: no DTDs, no external entities
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(new InputSource(new StringReader(xml)));
        } catch (SAXException | IOException e) {
            throw new UserError("the labeling config is not well-formed XML: " + e.getMessage());
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }
}
