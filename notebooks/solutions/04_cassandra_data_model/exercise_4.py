attempt("SELECT * FROM nb04_model.generation_by_day WHERE type = 'solar' AND day = '2016-01-15' AND region = 'DE'")
# region is the second clustering column: it can only be restricted when ts (the first) is restricted too.
# The question "one region's day" is what the `generation` table is keyed for:
attempt("SELECT * FROM nb04_model.generation WHERE region = 'DE' AND type = 'solar' "
        "AND ts >= '2016-01-15 00:00+0000' AND ts < '2016-01-16 00:00+0000'")
