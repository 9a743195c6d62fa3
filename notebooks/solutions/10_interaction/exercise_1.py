solar = last_24_hours("solar")
print(sudden_drops(solar).groupby("region").size().to_dict())
# Sunsets take hours, so within one hour output rarely falls by 40 % of the day's peak; a flag on
# solar is a cloud front (or a fault). A better rule compares with what the sun allows: the output
# expected from irradiance (the weather stations of lesson 06) or the same hour on clear days.
