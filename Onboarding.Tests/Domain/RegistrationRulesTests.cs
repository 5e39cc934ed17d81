using Onboarding.Domain.Journeys;
using Onboarding.Domain.Registration;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.Domain;

[Trait(Lanes.Lane, Lanes.Fast)]
public sealed class RegistrationRulesTests
{
    [Theory]
    [InlineData("anna@example.com", "anna@example.com")]
    [InlineData("Anna.Smith+onb@Example.COM", "Anna.Smith+onb@example.com")]
    [InlineData("a@b.co", "a@b.co")]
    [InlineData("anna@ｅｘａｍｐｌｅ.ｃｏｍ", "anna@example.com")] // a full-width domain is the same domain
    [InlineData("anna@münchen.de", "anna@xn--mnchen-3ya.de")]
    public void EmailAddress_Valid_NormalisedDomain(string input, string expected)
    {
        Assert.True(EmailAddress.TryParse(input, out EmailAddress? email, out _));
        Assert.Equal(expected, email!.Value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("anna")]
    [InlineData("anna@")]
    [InlineData("@example.com")]
    [InlineData("anna@example")]
    [InlineData("an na@example.com")]
    [InlineData("anna@@example.com")]
    [InlineData("Anna <anna@example.com>")]
    [InlineData("anna@example..com")]
    [InlineData("anna@example.com\u0000")]
    [InlineData("anna\u202E@example.com")]
    [InlineData("аnna@example.com")] // Cyrillic а
    [InlineData("anna@exam_ple.com")]
    [InlineData("  anna@example.com ")] // taken as sent: no silent trimming
    [InlineData("ａｎｎａ@example.com")] // the mailbox's name in ASCII as written: one spelling per mailbox
    public void EmailAddress_Invalid_Refused(string? input)
    {
        Assert.False(EmailAddress.TryParse(input, out _, out string? error));
        Assert.NotNull(error);
    }

    [Fact]
    public void EmailAddress_TooLong_Refused()
    {
        Assert.False(EmailAddress.TryParse(new string('a', 250) + "@example.com", out _, out _));
    }

    [Fact]
    public void EmailAddress_Canonical_IgnoresCaseForUniqueness()
    {
        EmailAddress.TryParse("Anna@Example.com", out EmailAddress? first, out _);
        EmailAddress.TryParse("anna@example.COM", out EmailAddress? second, out _);

        Assert.Equal(first!.Canonical, second!.Canonical);
    }

    [Theory]
    [InlineData("+1 415 555 0100", "US", "+14155550100")]
    [InlineData("(415) 555-0100", "US", "+14155550100")]
    [InlineData("+44 7911 123456", "US", "+447911123456")]
    [InlineData("07911 123456", "GB", "+447911123456")]
    [InlineData("090-1234-5678", "JP", "+819012345678")]
    [InlineData("+86 138 0013 8000", "US", "+8613800138000")]
    public void PhoneNumber_AnyFormat_StoredAsE164(string input, string region, string e164)
    {
        Assert.True(PhoneNumber.TryParse(input, region, out PhoneNumber? phone, out string? error), error);
        Assert.Equal(e164, phone!.E164);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("12")]
    [InlineData("not a number")]
    [InlineData("+1 415 555 01000000")]
    [InlineData("+44 20 7946 0018")] // a London landline cannot receive SMS
    public void PhoneNumber_Invalid_Refused(string? input)
    {
        Assert.False(PhoneNumber.TryParse(input, "US", out _, out string? error));
        Assert.NotNull(error);
    }

    [Fact]
    public void Masking_Phone_CountryCodeAndLastFourOnly()
    {
        PhoneNumber.TryParse("+1 415 555 0100", null, out PhoneNumber? phone, out _);

        Assert.Equal("+1******0100", phone!.Masked);
    }

    [Theory]
    [InlineData("anna@example.com", "a***@example.com")]
    [InlineData("a@example.com", "a***@example.com")]
    [InlineData("anna@gmail.com", "a***@gmail.com")]
    [InlineData("li.wei@QQ.com", "l***@QQ.com")]
    public void Masking_EmailOfAPublicMailService_FirstLetterAndDomain(string email, string masked)
    {
        Assert.Equal(masked, Masking.Email(email));
    }

    [Theory]
    [InlineData("anna@smith-family.name", "a***@s***.name")]
    [InlineData("j.doe@mail.acme-robotics.co.jp", "j***@m***.jp")]
    [InlineData("x@localhost", "x***@***")]
    public void Masking_EmailOfAnyOtherDomain_TheDomainMaskedToo(string email, string masked)
    {
        Assert.Equal(masked, Masking.Email(email));
    }

    [Fact]
    public void Masking_AccountNumber_LastFourOnly()
    {
        Assert.Equal("****4321", Masking.AccountNumber("6217000010001234321"));
    }

    [Fact]
    public void Regions_Iso3166_HasEveryAssignedCode()
    {
        Assert.Equal(249, Regions.Iso3166Alpha2.Count);
        Assert.All(Regions.Iso3166Alpha2, code => Assert.Matches("^[A-Z]{2}$", code));
    }

    [Theory]
    [InlineData("us", "US")]
    [InlineData("JP", "JP")]
    [InlineData("XX", null)]
    [InlineData("USA", null)]
    [InlineData("", null)]
    public void Regions_Normalize_IsoCodesOnly(string input, string? expected)
    {
        Assert.Equal(expected, Regions.Normalize(input));
    }

    [Theory]
    [InlineData(null, "en")]
    [InlineData("en", "en")]
    [InlineData("zh-Hans", "zh-Hans")]
    [InlineData("zh-hans", null)] // written as the contract's enum writes it
    [InlineData("JA", null)]
    [InlineData("ko", "ko")]
    [InlineData("fr", null)]
    [InlineData("zh", null)]
    public void Languages_Parse_FourLanguagesAsWritten(string? input, string? expected)
    {
        Assert.Equal(expected, Languages.Parse(input));
    }

    [Fact]
    public void JourneyPolicy_Default_HasNoProblems()
    {
        Assert.Empty(JourneyPolicy.Default.Problems());
    }

    [Fact]
    public void JourneyPolicy_ZeroWindowAndNoAttempts_NamesEachProblem()
    {
        var policy = JourneyPolicy.Default with { PhoneCodeValidity = TimeSpan.Zero, MaxCodeAttempts = 0, DepositCount = 0 };

        IReadOnlyList<string> problems = policy.Problems();

        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, problem => problem.Contains(nameof(JourneyPolicy.PhoneCodeValidity), StringComparison.Ordinal));
    }

    [Fact]
    public void JourneyStages_WireNames_RoundTrip()
    {
        foreach (JourneyStage stage in Enum.GetValues<JourneyStage>())
        {
            Assert.True(JourneyStages.TryParseWireName(stage.ToWireName(), out JourneyStage parsed));
            Assert.Equal(stage, parsed);
        }

        Assert.Equal("awaitingPhoneCode", JourneyStage.AwaitingPhoneCode.ToWireName());
    }
}
