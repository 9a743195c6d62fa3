answer = 100 * 0.25
print(answer, "MWh")
check("01.3", answer)
