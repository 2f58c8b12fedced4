package netstep.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import static netstep.data.DatasetsTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class CsvDataTest {

    @Test
    void theLastColumnsAreTheTargets() {
        Dataset d = CsvData.parse("1,2,3\n4,5,6\n", 1);
        assertEquals("custom", d.id());
        assertEquals("Custom data (2 inputs, 1 output, 2 samples)", d.title());
        assertArrayEquals(new double[][] {{1, 2}, {4, 5}}, d.xMatrix());
        assertArrayEquals(new double[][] {{3}, {6}}, d.yMatrix());
        assertFalse(d.hasTest());

        Dataset two = CsvData.parse("1,2,3\n4,5,6", 2);
        assertArrayEquals(new double[][] {{1}, {4}}, two.xMatrix());
        assertArrayEquals(new double[][] {{2, 3}, {5, 6}}, two.yMatrix());
    }

    @Test
    void aFirstRowThatIsNotAllNumbersIsAHeader() {
        Dataset d = CsvData.parse("x, y\n5, 10.1\n1, 1.9\n", 1);
        assertEquals(2, d.size());
        assertEquals("CSV with the header: x, y.", d.description());
        assertEquals(1, CsvData.parse("x1,2,y\n5,10.1,3", 1).size());
        assertEquals(2, CsvData.parse("5, 10.1\n1, 1.9\n", 1).size());
        assertEquals("CSV without a header.", CsvData.parse("5,10.1", 1).description());
        assertEquals(1, CsvData.parse("\"x\",\"y\"\n\"5\",\"10.1\"", 1).size());
    }

    @Test
    void aQuotedHeaderMayHoldTheSeparatorAndQuotedNumbersAreNumbers() {
        Dataset d = CsvData.parse("\"weight, kg\",\"height \"\"cm\"\"\",y\n\"1.5\", 2 ,\"3\"\n4,\"5\",6\n", 1);
        assertEquals("CSV with the header: weight, kg, height \"cm\", y.", d.description());
        assertArrayEquals(new double[][] {{1.5, 2}, {4, 5}}, d.xMatrix());
        assertArrayEquals(new double[][] {{3}, {6}}, d.yMatrix());
        Dataset semicolons = CsvData.parse("\"a;b\";c\n1;2\n", 1);
        assertEquals("CSV with the header: a;b, c.", semicolons.description());
        assertEquals(1, semicolons.size());
    }

    @Test
    void aQuotedCellSpanningLinesKeepsTheRowNumbersOfTheText() {
        // the header's second cell runs over two lines, so the sample on line 3 is row 3 in messages
        assertMessage("row 3, column 2: \"b\" is not a number", () -> CsvData.parse("x,\"y\nsecond line\"\n1,b\n", 1));
        assertMessage("A double quote is not closed", () -> CsvData.parse("x,y\n1,\"2\n", 1));
    }

    @Test
    void numbersInEveryUsualSpelling() {
        Dataset d = CsvData.parse(" +1.5 ,-.25, 3.,1e3,-2.5E-2, 0 ", 1);
        assertArrayEquals(new double[] {1.5, -0.25, 3, 1000, -0.025}, d.x(0));
        assertArrayEquals(new double[] {0}, d.y(0));
    }

    @Test
    void blankLinesAndWindowsLineEndsAreIgnored() {
        Dataset d = CsvData.parse("\r\nx,y\r\n\r\n1,2\r\n   \n3,4\r\n\n", 1);
        assertArrayEquals(new double[][] {{1}, {3}}, d.xMatrix());
    }

    @Test
    void semicolonsOrTabsWhenEveryRowUsesThem() {
        assertArrayEquals(new double[][] {{1, 2}, {4, 5}}, CsvData.parse("a;b;c\n1;2;3\n4;5;6", 1).xMatrix());
        assertArrayEquals(new double[][] {{1, 2}, {4, 5}}, CsvData.parse("1\t2\t3\n4\t5\t6\n", 1).xMatrix());
    }

    @ParameterizedTest(name = "{0} → {2}")
    @CsvSource(delimiter = '|', value = {
            "'1,2,3\n4,5,6\n7,8\n9,1,2' | 1 | row 3 has 2 columns; row 1 has 3.",
            "'x,y,z\n1,2,3\n\n4,5' | 1 | row 4 has 2 columns; row 1 has 3.",
            "'1,2,3\n4,5,6,7' | 1 | row 2 has 4 columns; row 1 has 3.",
            "'1,2,3\n4,5,6,' | 1 | row 2 has 4 columns; row 1 has 3.",
            "'1,2\n3,abc' | 1 | row 2, column 2: \"abc\" is not a number.",
            "'x,y\n1,2\n3,4\n1,2x' | 1 | row 4, column 2: \"2x\" is not a number.",
            "'1,2\n3,1 000' | 1 | row 2, column 2: \"1 000\" is not a number.",
            "'1,2\n3,0x10' | 1 | row 2, column 2: \"0x10\" is not a number.",
            "'1,2\nNaN,3' | 1 | row 2, column 1: NaN is not allowed.",
            "'NaN,3' | 1 | row 1, column 1: NaN is not allowed.",
            "'1,2\n3,-Infinity' | 1 | row 2, column 2: Infinity is not allowed.",
            "'1,2\n3,inf' | 1 | row 2, column 2: Infinity is not allowed.",
            "'1,2\n3,1e999' | 1 | row 2, column 2: 1e999 is too large; numbers must be from -1000000 to 1000000.",
            "'1,2\n3,-1e308' | 1 | row 2, column 2: -1e308 is too large",
            "'1,2\n1000001,3' | 1 | row 2, column 1: 1000001 is too large",
            "'1,,3' | 1 | row 1, column 2 is empty",
            "'1,2\n' | 2 | row 1 has 2 columns; with 2 outputs each row needs at least 3",
            "'x\n1' | 1 | row 1 has 1 column; with 1 output each row needs at least 2",
            "'' | 1 | There is no data",
            "'  \n\n ' | 1 | There is no data",
            "'x,y\n\n' | 1 | There are no samples: row 1 is a header and no rows follow.",
            "'1,2' | 0 | The network needs at least one output, not 0.",
    })
    void eachProblemHasAMessageNamingRowAndColumn(String text, int outputs, String message) {
        assertMessage(message, () -> CsvData.parse(text, outputs));
    }

    @Test
    void theFirstProblemInRowOrderIsReported() {
        assertMessage("row 2, column 1: \"a\" is not a number", () -> CsvData.parse("1,2\na,2\n1,2,3", 1));
        assertMessage("row 2 has 3 columns", () -> CsvData.parse("1,2\n1,2,3\na,2", 1));
    }

    @Test
    void nullTextIsEmpty() {
        assertMessage("There is no data", () -> CsvData.parse(null, 1));
    }

    @Test
    void atMost5000Rows() {
        assertEquals(Dataset.MAX_SAMPLES, CsvData.parse("x,y\n" + rows(Dataset.MAX_SAMPLES), 1).size());
        assertMessage("The data has 5,001 rows of samples; at most 5,000 are allowed.",
                () -> CsvData.parse(rows(Dataset.MAX_SAMPLES + 1), 1));
    }

    @Test
    void atMost64Columns() {
        assertEquals(63, CsvData.parse(columns(64) + "\n" + columns(64), 1).inputs());
        assertMessage("row 1 has 81 columns; at most 80 are allowed.", () -> CsvData.parse(columns(81), 1));
        assertMessage("at most 64 inputs, not 65", () -> CsvData.parse(columns(66), 1));
        assertMessage("row 2 has 81 columns; at most 80 are allowed.",
                () -> CsvData.parse("\n" + columns(81) + "\n" + columns(81), 1));
    }

    private static String rows(int n) {
        return String.join("\n", Collections.nCopies(n, "1,2"));
    }

    private static String columns(int n) {
        return String.join(",", columnCells(n));
    }

    private static List<String> columnCells(int n) {
        return Collections.nCopies(n, "0.5");
    }

    static Stream<Dataset> datasets() {
        // the digits (74 numbers a sample) and shapes (69) are wider than own data may be: their CSV is for reading
        return Stream.concat(Datasets.all().stream().filter(d -> d.inputs() + d.outputs() <= Dataset.MAX_COLUMNS), Stream.of(
                Datasets.generate(new DatasetSpec(Datasets.SPIRAL, 300, 0.7, 0.3, 5)),
                new Dataset("tiny", "t", "d", List.of(new double[] {1e-300, -0.0, 1.0 / 3, 123456.789123456789}),
                        List.of(new double[] {1e6, -Double.MIN_VALUE, -999999.9999999999}))));
    }

    @ParameterizedTest
    @MethodSource("datasets")
    void toCsvReadsBackToTheSameNumbers(Dataset d) {
        String csv = CsvData.toCsv(d);
        Dataset back = CsvData.parse(csv, d.outputs());
        List<double[]> xs = new ArrayList<>(d.xs());
        xs.addAll(d.testXs());
        List<double[]> ys = new ArrayList<>(d.ys());
        ys.addAll(d.testYs());
        assertArrayEquals(xs.toArray(double[][]::new), back.xMatrix());
        assertArrayEquals(ys.toArray(double[][]::new), back.yMatrix());
        assertEquals(d.inputs(), back.inputs());
    }

    @Test
    void toCsvWritesAHeaderThenOneRowASample() {
        Dataset d = Datasets.byId(Datasets.REGRESSION_3_2).orElseThrow();
        String[] lines = CsvData.toCsv(d).split("\n");
        assertEquals("x1,x2,x3,y1,y2", lines[0]);
        assertEquals("0.52,0.26,0.16,0.65,0.16", lines[1]);
        assertEquals(13, lines.length);
        assertEquals("x1,y1\n5.0,10.1\n1.0,1.9\n1.7,3.4\n0.5,1.1\n",
                CsvData.toCsv(Datasets.byId(Datasets.LINE).orElseThrow()));
    }

    @Test
    void theTableGivesTheSameDatasetAsTheText() {
        Dataset d = CsvData.fromCells(List.of(List.of("0", "0", "0"), List.of(" 0 ", "1", "1.0"),
                List.of("1", "0", "1"), List.of("1", "1", "0")), 2, 1);
        DatasetsTest.assertSameNumbers(Datasets.byId(Datasets.XOR).orElseThrow(), d);
        assertEquals("custom", d.id());
        assertEquals("Custom data (2 inputs, 1 output, 4 samples)", d.title());
    }

    @Test
    void tableRowsLeftBlankAreSkipped() {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("", " "));
        rows.add(List.of("1", "2"));
        rows.add(null);
        rows.add(Arrays.asList(null, null));
        rows.add(List.of("3", "4"));
        assertArrayEquals(new double[][] {{1}, {3}}, CsvData.fromCells(rows, 1, 1).xMatrix());
    }

    @Test
    void eachTableProblemHasAMessageNamingRowAndColumn() {
        assertMessage("row 2 needs 3 numbers (2 inputs, 1 output), not 2.",
                () -> CsvData.fromCells(List.of(List.of("1", "2", "3"), List.of("1", "2")), 2, 1));
        assertMessage("row 1 needs 2 numbers (1 input, 1 output), not 3.",
                () -> CsvData.fromCells(List.of(List.of("1", "2", "3")), 1, 1));
        assertMessage("row 3, column 1: \"x\" is not a number.",
                () -> CsvData.fromCells(List.of(List.of("1", "2"), List.of("", ""), List.of("x", "2")), 1, 1));
        assertMessage("row 1, column 2 is empty",
                () -> CsvData.fromCells(List.of(List.of("1", "")), 1, 1));
        assertMessage("row 1, column 2: NaN is not allowed.",
                () -> CsvData.fromCells(List.of(List.of("1", "nan")), 1, 1));
        assertMessage("row 1, column 1: Infinity is not allowed.",
                () -> CsvData.fromCells(List.of(List.of("Infinity", "1")), 1, 1));
        assertMessage("The table is empty", () -> CsvData.fromCells(List.of(), 1, 1));
        assertMessage("The table is empty", () -> CsvData.fromCells(List.of(List.of("", "")), 1, 1));
        assertMessage("The table is empty", () -> CsvData.fromCells(null, 1, 1));
        assertMessage("at least one input, not 0", () -> CsvData.fromCells(List.of(List.of("1")), 0, 1));
        assertMessage("at least one output, not 0", () -> CsvData.fromCells(List.of(List.of("1")), 1, 0));
        assertMessage("A sample can have at most 80 numbers, not 81 (64 inputs, 17 outputs).",
                () -> CsvData.fromCells(List.of(List.of("1")), 64, 17));
        assertMessage("at most 64 inputs, not 65", () -> CsvData.fromCells(List.of(columnCells(66)), 65, 1));
    }

    @Test
    void theTableHasAtMost5000Rows() {
        List<List<String>> rows = new ArrayList<>(Collections.nCopies(Dataset.MAX_SAMPLES, List.of("1", "2")));
        assertEquals(Dataset.MAX_SAMPLES, CsvData.fromCells(rows, 1, 1).size());
        rows.add(List.of("3", "4"));
        assertMessage("The data has 5,001 rows of samples; at most 5,000 are allowed.",
                () -> CsvData.fromCells(rows, 1, 1));
    }
}
