package io.obkc.converters;

/** Canal FlatMessage JSON; reads Canal and TiCDC canal-json back into Debezium envelopes. */
public class CanalConverter extends OmsFormatConverter {

    public CanalConverter() {
        super(OmsFormat.CANAL);
    }
}
