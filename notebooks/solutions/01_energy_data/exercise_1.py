de = monthly_gwh.xs("DE", axis=1, level="region")
for kind in ("solar", "wind"):
    print(f"{kind}: {de[kind].idxmax()} with {de[kind].max():,.0f} GWh")
