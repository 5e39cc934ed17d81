using Onboarding.Domain.Registration;
using Onboarding.Domain.Validation;

namespace Onboarding.Tests.Domain;

/// <summary>Residence, nationality and the phone's country: three facts, each with its own rule.</summary>
public sealed class EligibilityTests
{
    static Applicant Applicant(string region, string phone, string? nationality = null)
    {
        var errors = new ValidationErrors();
        Applicant? applicant = Onboarding.Domain.Registration.Applicant.TryCreate("anna@example.com", region, phone, "en", nationality, errors);
        Assert.True(applicant is not null, string.Join("; ", errors.ToDictionary().Select(pair => $"{pair.Key}: {string.Join(" ", pair.Value)}")));
        return applicant!;
    }

    [Theory]
    [InlineData("CN", "+86 138 0013 8000", "GB")] // the seed's person: lives in China, a Chinese mobile
    [InlineData("CN", "13800138000", "GB")] // the same number typed as people in China do
    [InlineData("CN", "+44 7400 123456", "GB")] // lives in China, keeps their home number
    [InlineData("GB", "+86 138 0013 8000", "GB")] // lives in the UK (not yet moved), a Chinese mobile
    [InlineData("US", "+1 415 555 0123", null)]
    [InlineData("JP", "+81 90 1234 5678", "KR")]
    [InlineData("CN", "+82 10 1234 5678", "KR")]
    public void Check_AForeignerAndTheirOwnNumbers_MayStart(string region, string phone, string? nationality)
    {
        Assert.Null(Eligibility.Default.Check(Applicant(region, phone, nationality)));
    }

    [Fact]
    public void Check_ACitizenOfChina_ToldThisFlowIsForForeigners()
    {
        Assert.Equal(Ineligibility.ChineseCitizen, Eligibility.Default.Check(Applicant("CN", "+86 138 0013 8000", "CN")));
        Assert.Equal(Ineligibility.ChineseCitizen, Eligibility.Default.Nationality("CN"));
    }

    [Theory]
    [InlineData("KP")]
    [InlineData("IR")]
    [InlineData("SY")]
    [InlineData("CU")]
    public void Defaults_SanctionedJurisdictions_NeitherResidenceNorNationality(string code)
    {
        Assert.Equal(Ineligibility.RegionNotSupported, Eligibility.Default.Residence(code));
        Assert.Equal(Ineligibility.NationalityNotSupported, Eligibility.Default.Nationality(code));
        Assert.Equal(Ineligibility.NationalityNotSupported, Eligibility.Default.Check(Applicant("CN", "+86 138 0013 8000", code)));
    }

    [Fact]
    public void Defaults_ChinaIsWhereMostLive_AndItsNumbersAreTexted()
    {
        Assert.Null(Eligibility.Default.Residence("CN"));
        Assert.Contains("CN", Eligibility.Default.Residences);
        Assert.DoesNotContain("CN", Eligibility.Default.Nationalities);
        Assert.Equal(["CN"], Eligibility.Default.SmsCountries);
        string[] wellKnown = ["US", "GB", "CA", "AU", "DE", "FR", "JP", "KR", "SG", "MY", "PH", "RU", "HK", "MO", "TW"];
        Assert.All(wellKnown, code => Assert.Contains(code, Eligibility.Default.Residences));
        Assert.All(wellKnown, code => Assert.Contains(code, Eligibility.Default.Nationalities));
    }

    [Fact]
    public void PhoneCountry_ANumberOfNoneOfThePersonsCountries_Refused()
    {
        // An Uzbek number (a favourite of SMS pumping) for a US resident of US nationality.
        Assert.Equal(Ineligibility.PhoneCountryNotSupported, Eligibility.Default.Check(Applicant("US", "+998 90 123 4567", "US")));
        Assert.Equal(Ineligibility.PhoneCountryNotSupported, Eligibility.Default.Check(Applicant("US", "+998 90 123 4567")));

        // Without a nationality at the start, a number of neither China nor the residence.
        Assert.Equal(Ineligibility.PhoneCountryNotSupported, Eligibility.Default.Check(Applicant("CN", "+1 415 555 0123")));
    }

    [Fact]
    public void Check_ResidenceBeforeNationalityBeforePhone()
    {
        var eligibility = new Eligibility(["CN"], ["GB"], []);
        Assert.Equal(Ineligibility.RegionNotSupported, eligibility.Check(Applicant("US", "+998 90 123 4567", "CN")));
        Assert.Equal(Ineligibility.ChineseCitizen, eligibility.Check(Applicant("CN", "+998 90 123 4567", "CN")));
        Assert.Equal(Ineligibility.NationalityNotSupported, eligibility.Check(Applicant("CN", "+998 90 123 4567", "US")));
        Assert.Equal(Ineligibility.PhoneCountryNotSupported, eligibility.Check(Applicant("CN", "+998 90 123 4567", "GB")));
    }

    [Fact]
    public void Constructor_ChinaAsANationality_Refused()
    {
        Assert.Throws<ArgumentException>(() => new Eligibility(["CN"], ["GB", "CN"], []));
    }

    [Theory]
    [InlineData("CHN")]
    [InlineData("XX")]
    [InlineData("")]
    public void TryCreate_ANationalityThatIsNoCode_FieldError(string nationality)
    {
        var errors = new ValidationErrors();
        Assert.Null(Onboarding.Domain.Registration.Applicant.TryCreate("anna@example.com", "CN", "+86 138 0013 8000", "en", nationality, errors));
        Assert.Contains("nationality", errors.ToDictionary().Keys);
    }
}
