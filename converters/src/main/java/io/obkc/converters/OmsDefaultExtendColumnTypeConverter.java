package io.obkc.converters;

/** OMS "DefaultExtendColumnType": Default plus each column's type in {@code __light_type}; readable. */
public class OmsDefaultExtendColumnTypeConverter extends OmsFormatConverter {

    public OmsDefaultExtendColumnTypeConverter() {
        super(OmsFormat.DEFAULT_EXTEND_COLUMN_TYPE);
    }
}
