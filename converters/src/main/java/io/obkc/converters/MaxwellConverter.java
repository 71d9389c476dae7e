package io.obkc.converters;

/** Maxwell JSON with Maxwell keys; reads Maxwell back into Debezium envelopes. */
public class MaxwellConverter extends OmsFormatConverter {

    public MaxwellConverter() {
        super(OmsFormat.MAXWELL);
    }
}
