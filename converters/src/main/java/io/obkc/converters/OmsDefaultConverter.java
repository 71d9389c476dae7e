package io.obkc.converters;

/** OMS "Default" format: prevStruct/postStruct/allMetaData/recordType, values as strings. */
public class OmsDefaultConverter extends OmsFormatConverter {

    public OmsDefaultConverter() {
        super(OmsFormat.DEFAULT);
    }
}
