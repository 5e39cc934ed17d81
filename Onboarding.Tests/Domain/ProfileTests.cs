using Onboarding.Domain.Registration;
using Onboarding.Domain.Validation;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.Domain;

[Trait(Lanes.Lane, Lanes.Fast)]
public sealed class ProfileTests
{
    static readonly DateOnly Today = new(2026, 11, 25);

    static (Profile? Profile, ValidationErrors Errors) Create(
        string? given = "Anna", string? family = "Smith", string? order = "givenFirst", string? nationality = "US",
        string? birth = "1990-01-31", string? passport = "X1234567", string? chineseName = null)
    {
        var errors = new ValidationErrors();
        return (Profile.TryCreate(given, family, order, nationality, birth, passport, Today, errors, chineseName), errors);
    }

    [Fact]
    public void TryCreate_ContractExample_Valid()
    {
        (Profile? profile, ValidationErrors errors) = Create();

        Assert.True(errors.IsEmpty);
        Assert.Equal(new Profile("Anna", "Smith", NameOrder.GivenFirst, "US", new DateOnly(1990, 1, 31), "X1234567"), profile);
        Assert.Equal("Anna Smith", profile!.FullName);
    }

    [Fact]
    public void TryCreate_LatinNamesFamilyFirst_Valid()
    {
        (Profile? profile, _) = Create(given: "Taro", family: "Yamada", order: "familyFirst", nationality: "JP");

        Assert.Equal("Yamada Taro", profile!.FullName);
        Assert.Equal("JP", profile.Nationality);
    }

    [Theory]
    [InlineData("小明", "王")]
    [InlineData("太郎", "山田")]
    [InlineData("민지", "김")]
    public void TryCreate_NamesInAnotherScript_ToldToWriteThePassportsLatinLetters(string given, string family)
    {
        (Profile? profile, ValidationErrors errors) = Create(given: given, family: family);

        Assert.Null(profile);
        Assert.Contains("Latin letters", string.Join(" ", errors.ToDictionary()["givenName"]), StringComparison.Ordinal);
        Assert.Contains("Latin letters", string.Join(" ", errors.ToDictionary()["familyName"]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("王小明")]
    [InlineData("史密斯·安娜")]
    [InlineData("田中由紀")]
    public void TryCreate_ANameInChineseCharactersBesideTheLatinOne_KeptAsSent(string chineseName)
    {
        (Profile? profile, ValidationErrors errors) = Create(given: "Xiaoming", family: "Wang", order: "familyFirst", chineseName: chineseName);

        Assert.True(errors.IsEmpty, string.Join(",", errors.ToDictionary().Keys));
        Assert.Equal(chineseName, profile!.ChineseName);
        Assert.Equal("Wang Xiaoming", profile.FullName);
    }

    [Theory]
    [InlineData("Wang")]
    [InlineData("王1")]
    [InlineData("たなか")]
    [InlineData("王 小明")] // the web app takes spaces out; the API takes the name as sent
    [InlineData("")]
    [InlineData("·")]
    public void TryCreate_AChineseNameNotInChineseCharacters_FieldError(string chineseName)
    {
        (Profile? profile, ValidationErrors errors) = Create(chineseName: chineseName);

        Assert.Null(profile);
        Assert.True(errors.Has("chineseName"));
    }

    [Fact]
    public void TryCreate_FullWidthLatinLetters_AskedInLatinLetters()
    {
        // Taken as sent (the web app turns full-width letters typed with a CJK input method into ASCII).
        (Profile? profile, ValidationErrors errors) = Create(given: "Ａｎｎａ");

        Assert.Null(profile);
        Assert.Contains("Latin letters", string.Join(" ", errors.ToDictionary()["givenName"]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Anne-Marie")]
    [InlineData("O'Brien")]
    [InlineData("José")]
    [InlineData("Jos\u0065\u0301")] // e + combining acute
    [InlineData("Łukasz")]
    [InlineData("Nguyễn")]
    [InlineData("St. John")]
    public void TryCreate_NamesOfManyForms_Valid(string given)
    {
        (Profile? profile, ValidationErrors errors) = Create(given: given);

        Assert.True(errors.IsEmpty, string.Join(",", errors.ToDictionary().Keys));
        Assert.NotNull(profile);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Anna1")]
    [InlineData("<script>")]
    [InlineData("Anna\u0000")]
    [InlineData("An\u200Bna")]
    [InlineData("---")]
    public void TryCreate_BadGivenName_FieldError(string? given)
    {
        (Profile? profile, ValidationErrors errors) = Create(given: given);

        Assert.Null(profile);
        Assert.True(errors.Has("givenName"));
    }

    [Fact]
    public void TryCreate_NameTooLong_FieldError()
    {
        (_, ValidationErrors errors) = Create(family: new string('a', 101));

        Assert.True(errors.Has("familyName"));
    }

    [Theory]
    [InlineData("GivenFirst")]
    [InlineData("given")]
    [InlineData(null)]
    public void TryCreate_BadNameOrder_FieldError(string? order)
    {
        Assert.True(Create(order: order).Errors.Has("nameOrder"));
    }

    [Theory]
    [InlineData("USA")]
    [InlineData("XX")]
    [InlineData(null)]
    public void TryCreate_BadNationality_FieldError(string? nationality)
    {
        Assert.True(Create(nationality: nationality).Errors.Has("nationality"));
    }

    [Theory]
    [InlineData("2026-11-26")] // future
    [InlineData("2026-11-25")] // today
    [InlineData("2008-11-26")] // 17 years and 364 days
    [InlineData("1890-01-01")] // implausible
    [InlineData("31-01-1990")]
    [InlineData("1990-02-30")]
    [InlineData(null)]
    public void TryCreate_BadDateOfBirth_FieldError(string? birth)
    {
        Assert.True(Create(birth: birth).Errors.Has("dateOfBirth"));
    }

    [Fact]
    public void TryCreate_EighteenToday_Valid()
    {
        Assert.True(Create(birth: "2008-11-25").Errors.IsEmpty);
    }

    [Theory]
    [InlineData("x1234567", "X1234567")]
    [InlineData("E 1234 5678", "E12345678")]
    [InlineData("123456", "123456")]
    public void TryCreate_PassportNumber_NormalisedUpperCase(string input, string expected)
    {
        Assert.Equal(expected, Create(passport: input).Profile!.PassportNumber);
    }

    [Theory]
    [InlineData("X12")]
    [InlineData("X123456789012")]
    [InlineData("ABCDEFGH")]
    [InlineData("X12-34567")]
    [InlineData(null)]
    public void TryCreate_BadPassportNumber_FieldError(string? passport)
    {
        Assert.True(Create(passport: passport).Errors.Has("passportNumber"));
    }

    [Fact]
    public void TryCreate_SeveralBadFields_ReportsEach()
    {
        (_, ValidationErrors errors) = Create(given: "", nationality: "ZZ", passport: "?");

        Assert.Equal(["givenName", "nationality", "passportNumber"], errors.ToDictionary().Keys.Order());
    }
}
