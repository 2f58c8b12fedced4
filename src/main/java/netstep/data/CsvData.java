package netstep.data;

import static netstep.data.Datasets.count;

import netstep.engine.Bounds;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Custom data: CSV text or the cells of the editable sample table, read into a Dataset with id "custom", or a
 * Dataset written as CSV. Each row is one sample, its inputs first and its targets in the last columns. Rows and
 * columns in messages are counted from 1 as the student sees them: for CSV, lines of the text (header and blank
 * lines included); for the table, its rows. Every method returns a new Dataset or throws a DataException.
 */
public final class CsvData {
    public static final String CUSTOM = "custom";

    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern NOT_A_NUMBER = Pattern.compile("[+-]?nan", Pattern.CASE_INSENSITIVE);
    private static final Pattern INFINITE = Pattern.compile("[+-]?inf(inity)?", Pattern.CASE_INSENSITIVE);

    private CsvData() {
    }

    /** One row of cells and the row number the student sees. */
    private record Row(int number, List<String> cells) {
    }

    /**
     * Reads CSV text whose last {@code outputs} columns are the targets. A first row with a cell that is not a
     * number is a header. Cells are separated by commas, or by semicolons or tabs when every row has one; a cell
     * in double quotes may hold the separator (a header such as "weight, kg").
     */
    public static Dataset parse(String text, int outputs) {
        requireAtLeastOne(outputs, "output");
        List<Row> rows = rows(text == null ? "" : text);
        if (rows.isEmpty()) {
            throw new DataException("There is no data: paste rows of numbers, one sample a line.");
        }
        Row first = rows.get(0);
        String header = isHeader(first) ? String.join(", ", first.cells().stream().map(CsvData::unquoted).toList())
                : null;
        List<Row> samples = header == null ? rows : rows.subList(1, rows.size());
        if (samples.isEmpty()) {
            throw new DataException("There are no samples: row " + first.number() + " is a header and no rows follow.");
        }
        requireAtMostMaxSamples(samples.size());
        int width = first.cells().size();
        if (width > Dataset.MAX_COLUMNS) {
            throw new DataException("row " + first.number() + " has " + width + " columns; at most "
                    + Dataset.MAX_COLUMNS + " are allowed.");
        }
        if (width < outputs + 1) {
            throw new DataException("row " + first.number() + " has " + count(width, "column") + "; with "
                    + count(outputs, "output") + " each row needs at least " + (outputs + 1)
                    + ": the inputs first, then the " + count(outputs, "target") + ".");
        }
        String source = header == null ? "CSV without a header." : "CSV with the header: " + header + ".";
        return dataset(numbers(samples, width, row -> "row " + row.number() + " has "
                + count(row.cells().size(), "column") + "; row " + first.number() + " has " + width + "."),
                width - outputs, outputs, source);
    }

    /**
     * Reads the sample table: each row is the inputs' cells then the targets' cells, as typed. Rows whose cells are
     * all blank are skipped, like blank lines in CSV.
     */
    public static Dataset fromCells(List<List<String>> rows, int inputs, int outputs) {
        requireAtLeastOne(inputs, "input");
        requireAtLeastOne(outputs, "output");
        if (inputs + outputs > Dataset.MAX_COLUMNS) {
            throw new DataException("A sample can have at most " + Dataset.MAX_COLUMNS + " numbers, not "
                    + (inputs + outputs) + " (" + count(inputs, "input") + ", " + count(outputs, "output") + ").");
        }
        List<Row> samples = new ArrayList<>();
        for (int i = 0; rows != null && i < rows.size(); i++) {
            List<String> cells = rows.get(i) == null ? List.of() : rows.get(i);
            if (!cells.stream().allMatch(c -> c == null || c.isBlank())) {
                samples.add(new Row(i + 1, cells));
            }
        }
        if (samples.isEmpty()) {
            throw new DataException("The table is empty: add at least one sample.");
        }
        requireAtMostMaxSamples(samples.size());
        int width = inputs + outputs;
        return dataset(numbers(samples, width, row -> "row " + row.number() + " needs " + width + " numbers ("
                + count(inputs, "input") + ", " + count(outputs, "output") + "), not " + row.cells().size() + "."),
                inputs, outputs, "Typed into the sample table.");
    }

    /**
     * The dataset as CSV with the header x1,…,y1,…: the training samples, then the test samples. Numbers are
     * written with Double.toString, so parse reads back exactly the same numbers.
     */
    public static String toCsv(Dataset d) {
        List<String> header = new ArrayList<>();
        for (int i = 1; i <= d.inputs(); i++) header.add("x" + i);
        for (int i = 1; i <= d.outputs(); i++) header.add("y" + i);
        StringBuilder csv = new StringBuilder(String.join(",", header)).append('\n');
        appendRows(csv, d.xs(), d.ys());
        appendRows(csv, d.testXs(), d.testYs());
        return csv.toString();
    }

    private static void appendRows(StringBuilder csv, List<double[]> xs, List<double[]> ys) {
        for (int s = 0; s < xs.size(); s++) {
            List<String> cells = new ArrayList<>();
            for (double v : xs.get(s)) cells.add(Double.toString(v));
            for (double v : ys.get(s)) cells.add(Double.toString(v));
            csv.append(String.join(",", cells)).append('\n');
        }
    }

    /** The text's rows (blank lines skipped), each numbered by the line of the text it starts on. */
    private static List<Row> rows(String text) {
        String[] lines = text.split("\r\n|\r|\n", -1);
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(separator(lines)).setIgnoreSurroundingSpaces(true)
                .get();
        int[] lineStarts = lineStarts(text);
        List<Row> rows = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(text, format)) {
            for (CSVRecord record : parser) {
                List<String> cells = record.toList();
                if (cells.size() == 1 && cells.get(0).isBlank()) continue; // a line of spaces
                rows.add(new Row(lineOf(lineStarts, start(text, record.getCharacterPosition())), cells));
            }
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            // the one thing CSV itself can refuse here: a quote opened and never closed
            throw new DataException("A double quote is not closed: a quoted cell must end with a quote too.");
        }
        return rows;
    }

    /** Where a record really starts: the reader gives the position before the empty lines it skipped. */
    private static long start(String text, long position) {
        int at = (int) position;
        while (at < text.length() && (text.charAt(at) == '\n' || text.charAt(at) == '\r')) at++;
        return at;
    }

    /** The offset in {@code text} at which each of its lines starts. */
    private static int[] lineStarts(String text) {
        List<Integer> starts = new ArrayList<>(List.of(0));
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'))) starts.add(i + 1);
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The line (from 1) on which the character at {@code offset} stands. */
    private static int lineOf(int[] lineStarts, long offset) {
        int found = Arrays.binarySearch(lineStarts, (int) offset);
        return found >= 0 ? found + 1 : -found - 1;
    }

    /** Semicolon or tab when every non-blank line has one (a spreadsheet's export), else comma. */
    private static char separator(String[] lines) {
        for (char candidate : new char[] {'\t', ';'}) {
            boolean everyLine = true;
            boolean anyLine = false;
            for (String line : lines) {
                if (line.isBlank()) continue;
                anyLine = true;
                everyLine &= line.indexOf(candidate) >= 0;
            }
            if (anyLine && everyLine) return candidate;
        }
        return ',';
    }

    /** Empty cells do not make a header: a data row may have a missing number, reported as such. */
    private static boolean isHeader(Row row) {
        return row.cells().stream().map(CsvData::unquoted)
                .anyMatch(c -> !c.isEmpty() && !NUMBER.matcher(c).matches() && !NOT_A_NUMBER.matcher(c).matches()
                        && !INFINITE.matcher(c).matches());
    }

    /** The rows' numbers, or the first problem in row order: a row of another width, or a cell that is no number. */
    private static List<double[]> numbers(List<Row> rows, int width, Function<Row, String> wrongWidth) {
        List<double[]> numbers = new ArrayList<>(rows.size());
        for (Row row : rows) {
            if (row.cells().size() != width) {
                throw new DataException(wrongWidth.apply(row));
            }
            double[] values = new double[row.cells().size()];
            for (int c = 0; c < values.length; c++) {
                values[c] = number(row.cells().get(c), row.number(), c + 1);
            }
            numbers.add(values);
        }
        return numbers;
    }

    private static double number(String cell, int row, int column) {
        String text = unquoted(cell);
        String where = "row " + row + ", column " + column;
        if (text.isEmpty()) {
            throw new DataException(where + " is empty: every cell needs a number.");
        }
        if (NOT_A_NUMBER.matcher(text).matches()) {
            throw new DataException(where + ": NaN is not allowed.");
        }
        if (INFINITE.matcher(text).matches()) {
            throw new DataException(where + ": Infinity is not allowed.");
        }
        if (!NUMBER.matcher(text).matches()) {
            throw new DataException(where + ": \"" + text + "\" is not a number.");
        }
        double value = Double.parseDouble(text);
        if (!Bounds.allowed(value)) {
            throw new DataException(where + ": " + text + " is too large; numbers must be from " + Bounds.range() + ".");
        }
        return value;
    }

    /** Trimmed, without one pair of surrounding double quotes left by a cell the CSV reader did not unquote. */
    private static String unquoted(String cell) {
        String text = cell == null ? "" : cell.strip();
        if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
            text = text.substring(1, text.length() - 1).strip();
        }
        return text;
    }

    private static Dataset dataset(List<double[]> rows, int inputs, int outputs, String source) {
        if (inputs > Dataset.MAX_INPUTS) {
            throw new DataException("A sample can have at most " + Dataset.MAX_INPUTS + " inputs, not " + inputs
                    + " (the widest input layer the page builds).");
        }
        List<double[]> xs = new ArrayList<>(rows.size());
        List<double[]> ys = new ArrayList<>(rows.size());
        for (double[] row : rows) {
            xs.add(Arrays.copyOfRange(row, 0, inputs));
            ys.add(Arrays.copyOfRange(row, inputs, inputs + outputs));
        }
        return new Dataset(CUSTOM, "Custom data (" + Datasets.shape(inputs, outputs, rows.size(), 0) + ")",
                source, xs, ys);
    }

    private static void requireAtLeastOne(int n, String what) {
        if (n < 1) {
            throw new DataException("The network needs at least one " + what + ", not " + n + ".");
        }
    }

    private static void requireAtMostMaxSamples(int samples) {
        if (samples > Dataset.MAX_SAMPLES) {
            throw new DataException(String.format(Locale.ROOT, "The data has %,d rows of samples; at most %,d are "
                    + "allowed.", samples, Dataset.MAX_SAMPLES));
        }
    }
}
