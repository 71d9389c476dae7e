package io.obkc.converters;

/** SharePlex JSON (meta/data/key); write-only. */
public class SharePlexConverter extends OmsFormatConverter {

    public SharePlexConverter() {
        super(OmsFormat.SHAREPLEX);
    }
}
