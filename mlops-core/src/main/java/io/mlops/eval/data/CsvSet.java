package io.mlops.eval.data;

import io.mlops.error.UserError;
import io.mlops.eval.Task;
import io.mlops.image.Preprocessing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A CSV table with a header: feature columns and a target column. Classification targets are class
 * indices, or names mapped through the preprocessing's {@code classes} (else sorted, as
 * scikit-learn's classes_).
 */
public final class CsvSet implements EvalSet {
    private final Path file;
    private final List<double[]> rows = new ArrayList<>();
    private final List<double[]> targets = new ArrayList<>();
    private final List<String> classes;

    /**
     * Reads a table.
     *
     * @param file the CSV file
     * @param target the target column, or null for the last one
     * @param preprocessing feature columns and class names, if given
     * @param task what the target means
     * @throws UserError naming the file, line and column of a bad value
     */
    public CsvSet(Path file, String target, Preprocessing preprocessing, Task task) {
        this.file = file;
        List<List<String>> lines;
        try {
            lines = Files.readAllLines(file).stream()
                    .filter(line -> !line.isBlank())
                    .map(CsvSet::split)
                    .toList();
        } catch (NoSuchFileException e) {
            throw new UserError("no such CSV file: " + file, e);
        } catch (IOException e) {
            throw new UserError("cannot read CSV file " + file + ": " + e.getMessage(), e);
        }
        if (lines.isEmpty()) {
            throw new UserError("CSV file " + file + " is empty: it needs a header line");
        }
        List<String> header = lines.get(0);
        String targetColumn = target != null
                ? target
                : preprocessing.target() != null ? preprocessing.target() : header.get(header.size() - 1);
        int targetIndex = column(header, targetColumn);
        List<Integer> featureIndexes = new ArrayList<>();
        if (preprocessing.features() != null) {
            preprocessing.features().forEach(f -> featureIndexes.add(column(header, f)));
        } else {
            for (int c = 0; c < header.size(); c++) {
                if (c != targetIndex) {
                    featureIndexes.add(c);
                }
            }
        }
        List<String> rawTargets = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            List<String> line = lines.get(i);
            if (line.size() != header.size()) {
                throw new UserError(
                        file + " line " + (i + 1) + ": " + line.size() + " fields, the header has " + header.size());
            }
            double[] row = new double[featureIndexes.size()];
            for (int f = 0; f < row.length; f++) {
                row[f] = number(line.get(featureIndexes.get(f)), i, header.get(featureIndexes.get(f)));
            }
            rows.add(row);
            rawTargets.add(line.get(targetIndex).strip());
        }
        boolean named = task == Task.CLASSIFICATION && rawTargets.stream().anyMatch(t -> !t.matches("-?\\d+(\\.0*)?"));
        classes = named
                ? (preprocessing.classes() != null ? preprocessing.classes() : List.copyOf(new TreeSet<>(rawTargets)))
                : preprocessing.classes() != null ? preprocessing.classes() : List.of();
        for (int i = 0; i < rawTargets.size(); i++) {
            String t = rawTargets.get(i);
            if (named) {
                int index = classes.indexOf(t);
                if (index < 0) {
                    throw new UserError(file + " line " + (i + 2) + ": class '" + t + "' is not among " + classes);
                }
                targets.add(new double[] {index});
            } else {
                targets.add(new double[] {number(t, i + 1, targetColumn)});
            }
        }
    }

    private int column(List<String> header, String name) {
        int index = header.indexOf(name);
        if (index < 0) {
            throw new UserError(file + " has no column '" + name + "' (columns: " + header + ")");
        }
        return index;
    }

    private double number(String text, int line, String column) {
        try {
            return Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw new UserError(
                    file + " line " + (line + 1) + ", column '" + column + "': '" + text + "' is not a number");
        }
    }

    // RFC 4180 fields: commas inside double quotes, "" for a quote
    private static List<String> split(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                field.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    @Override
    public int size() {
        return rows.size();
    }

    @Override
    public String name(int index) {
        return file + " line " + (index + 2);
    }

    @Override
    public Item read(int index) {
        double[] row = rows.get(index);
        Item.Tensor tensor = new Item.Tensor(row.clone(), new long[] {row.length}, null);
        double[] target = targets.get(index);
        double t = target[0];
        int label = t == Math.rint(t) && t >= 0 ? (int) t : -1;
        return new Item(name(index), tensor, null, label, target.clone(), -1);
    }

    @Override
    public List<String> classNames() {
        return classes;
    }
}
