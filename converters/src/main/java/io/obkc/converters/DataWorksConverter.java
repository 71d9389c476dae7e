package io.obkc.converters;

/** DataWorks real-time sync JSON (OMS "DataWorks V2.0"); write-only. */
public class DataWorksConverter extends OmsFormatConverter {

    public DataWorksConverter() {
        super(OmsFormat.DATAWORKS);
    }
}
