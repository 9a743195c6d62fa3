de = frame[frame["region"] == "DE"]
monthly_mw = de.groupby([de["ts"].dt.strftime("%Y-%m"), "type"], observed=True)["value"].sum().unstack()
answer = {kind: monthly_mw[kind].idxmax() for kind in ("solar", "wind")}
print(answer)
check("01.2", answer)
