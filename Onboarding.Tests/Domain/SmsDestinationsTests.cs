using Onboarding.Domain.Limits;
using Onboarding.Domain.Registration;

namespace Onboarding.Tests.Domain;

public sealed class SmsDestinationsTests
{
    static readonly SmsDestinations Defaults = new(SmsDestinations.DefaultAllowed, SmsDestinations.DefaultHighRisk, perRegionPerDay: 1000, perHighRiskRegionPerDay: 20);

    static string RegionOf(string number)
    {
        Assert.True(PhoneNumber.TryParse(number, null, out PhoneNumber? phone, out string? error), error);
        return phone!.Country;
    }

    [Theory]
    [InlineData("+1 876 210 1234", "JM", 1)] // Jamaica: +1, and not the United States
    [InlineData("+1 268 464 1234", "AG", 1)] // Antigua and Barbuda
    [InlineData("+1 415 555 0199", "US", 1)]
    [InlineData("+1 604 555 0199", "CA", 1)]
    [InlineData("+7 701 234 5678", "KZ", 7)] // Kazakhstan: +7, and not Russia
    [InlineData("+7 912 345 6789", "RU", 7)]
    [InlineData("+44 7624 123456", "IM", 44)] // Isle of Man: +44, and not the United Kingdom
    [InlineData("+44 7911 123456", "GG", 44)] // Guernsey
    [InlineData("+44 7400 123456", "GB", 44)]
    [InlineData("+262 639 01 23 45", "YT", 262)] // Mayotte: +262, and not Réunion
    [InlineData("+262 692 12 34 56", "RE", 262)]
    public void PhoneNumber_Country_IsTheIsoRegionNotTheCallingCode(string number, string region, int callingCode)
    {
        Assert.True(PhoneNumber.TryParse(number, null, out PhoneNumber? phone, out string? error), error);

        Assert.Equal(region, phone!.Country);
        Assert.Equal(callingCode, phone.CountryCode);
    }

    [Fact]
    public void Defaults_CallingCodeSharedWithAPumpingDestination_OnlyTheSafeRegionIsTexted()
    {
        Assert.True(Defaults.Sends(RegionOf("+1 415 555 0199")));
        Assert.False(Defaults.Sends(RegionOf("+1 876 210 1234")));
        Assert.False(Defaults.Sends(RegionOf("+1 268 464 1234")));
        Assert.True(Defaults.Sends(RegionOf("+44 7400 123456")));
        Assert.False(Defaults.Sends(RegionOf("+44 7911 123456")));
        Assert.False(Defaults.Sends(RegionOf("+44 7624 123456")));
        Assert.False(Defaults.Sends(RegionOf("+7 701 234 5678")));
    }

    [Fact]
    public void Defaults_AllowList_IsSmallAndHoldsNoPumpingDestination()
    {
        Assert.InRange(SmsDestinations.DefaultAllowed.Count, 1, 40);
        Assert.Empty(SmsDestinations.DefaultAllowed.Intersect(SmsDestinations.DefaultHighRisk));
        Assert.Contains("CN", SmsDestinations.DefaultAllowed);
        Assert.All(SmsDestinations.DefaultAllowed.Concat(SmsDestinations.DefaultHighRisk), code => Assert.NotNull(Regions.Parse(code)));
    }

    [Fact]
    public void DailyBudget_ClosedRegion_Zero()
    {
        Assert.Equal(0, Defaults.DailyBudget("JM"));
        Assert.Equal(0, Defaults.DailyBudget("ZZ")); // a number libphonenumber places in no region
        Assert.Equal(1000, Defaults.DailyBudget("US"));
    }

    [Fact]
    public void DailyBudget_PumpingDestinationOpenedByConfiguration_GetsTheLowerBudget()
    {
        var opened = new SmsDestinations([.. SmsDestinations.DefaultAllowed, "JM"], SmsDestinations.DefaultHighRisk, 1000, 20);

        Assert.True(opened.Sends("JM"));
        Assert.Equal(20, opened.DailyBudget("JM"));
        Assert.Equal(1000, opened.DailyBudget("US"));
        Assert.Equal(LimitNames.SmsPerCountry, opened.DailyLimit("JM").Name);
        Assert.Equal(TimeSpan.FromDays(1), opened.DailyLimit("JM").Window);
    }
}
