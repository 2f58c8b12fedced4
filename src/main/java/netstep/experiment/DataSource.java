package netstep.experiment;

import netstep.data.CsvData;
import netstep.data.Dataset;
import netstep.data.DatasetSpec;
import netstep.data.Datasets;

/** Where an experiment's samples come from: a built-in generator with its parameters, or the student's own. */
public sealed interface DataSource permits DataSource.BuiltInData, DataSource.CustomData {

    Dataset dataset();

    String id();

    /** A built-in dataset, generated from its spec (the same samples on every machine). */
    record BuiltInData(DatasetSpec spec) implements DataSource {
        public Dataset dataset() {
            return Datasets.generate(spec);
        }

        public String id() {
            return spec.id();
        }
    }

    /** Samples the student pasted, uploaded, typed or loaded. */
    record CustomData(Dataset data) implements DataSource {
        public Dataset dataset() {
            return data;
        }

        public String id() {
            return CsvData.CUSTOM;
        }
    }

    static DataSource builtIn(String id) {
        return new BuiltInData(Datasets.builtIn(id).orElseThrow(() -> new IllegalArgumentException("no dataset " + id))
                .defaults());
    }
}
