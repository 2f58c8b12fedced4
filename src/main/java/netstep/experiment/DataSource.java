package netstep.experiment;

import netstep.data.CsvData;
import netstep.data.Dataset;
import netstep.data.DatasetSpec;
import netstep.data.Datasets;
import netstep.data.InputFeature;

import java.util.List;

/** Where an experiment's samples come from: a built-in generator with its parameters, or the student's own. */
public sealed interface DataSource permits DataSource.BuiltInData, DataSource.CustomData, DataSource.Featured {

    Dataset dataset();

    String id();

    /** The samples before any input features: this source itself, or what {@link Featured} maps. */
    default DataSource raw() {
        return this;
    }

    /** Input features of 2-D data: the network sees {@code features} of each point, not the point itself. */
    record Featured(DataSource source, List<InputFeature> features) implements DataSource {
        public Featured {
            features = List.copyOf(features);
        }

        public Dataset dataset() {
            return InputFeature.apply(features, source.dataset());
        }

        public String id() {
            return source.id();
        }

        @Override
        public DataSource raw() {
            return source.raw();
        }
    }

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
