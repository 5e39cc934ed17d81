using System.Text.Json;
using Onboarding.Domain.Verification;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.Domain;

[Trait(Lanes.Lane, Lanes.Fast)]
public sealed class VerificationRulesTests
{
    [Theory]
    [InlineData("SMITH ANNA", "Anna", "Smith")]
    [InlineData("Anna Smith", "Anna", "Smith")]
    [InlineData("smith, anna", "Anna", "Smith")]
    [InlineData("ANNA-SMITH", "Anna", "Smith")]
    [InlineData("  Smith   Anna. ", "Anna", "Smith")]
    [InlineData("山田太郎", "太郎", "山田")]
    [InlineData("山田 太郎", "太郎", "山田")]
    [InlineData("太郎山田", "太郎", "山田")]
    [InlineData("ＳＭＩＴＨ　ＡＮＮＡ", "Anna", "Smith")] // full-width, as some bank systems print
    [InlineData("MARIE-CLAIRE DUPONT", "Marie-Claire", "Dupont")]
    [InlineData("JOSE GARCIA", "José", "García")]
    [InlineData("김민준", "민준", "김")]
    public void HolderName_SamePersonAnyOrderCaseOrPunctuation_Matches(string holder, string given, string family)
    {
        Assert.True(HolderName.Matches(holder, given, family));
    }

    [Theory]
    [InlineData("王小明")]
    [InlineData("王 小明")]
    [InlineData("WANG XIAOMING")]
    [InlineData("XIAOMING WANG")]
    public void HolderName_TheLatinNameOrTheNameInChineseCharacters_Matches(string holder)
    {
        Assert.True(HolderName.Matches(holder, "Xiaoming", "Wang", "王小明"));
    }

    [Fact]
    public void HolderName_AnotherNameInChineseCharacters_DoesNotMatch()
    {
        Assert.False(HolderName.Matches("王小红", "Xiaoming", "Wang", "王小明"));
        Assert.False(HolderName.Matches("王小明", "Xiaoming", "Wang"));
    }

    [Theory]
    [InlineData("SMITH JOHN", "Anna", "Smith")]
    [InlineData("SMITH", "Anna", "Smith")]
    [InlineData("ANNA SMITHSON", "Anna", "Smith")]
    [InlineData("SMITH ANNA MARIA", "Anna", "Smith")]
    [InlineData("山田花子", "太郎", "山田")]
    [InlineData("...", "Anna", "Smith")]
    [InlineData("", "Anna", "Smith")]
    public void HolderName_SomeoneElse_DoesNotMatch(string holder, string given, string family)
    {
        Assert.False(HolderName.Matches(holder, given, family));
    }

    [Theory]
    [InlineData("6217000010001234321")] // contract example, UnionPay: no check digit
    [InlineData("6217 0000 1000 1234 321")]
    [InlineData("4111111111111111")] // Visa test number, passes Luhn
    [InlineData("5555555555554444")] // Mastercard test number
    [InlineData("123456789012")] // plain account number
    public void BankAccountNumber_Valid_DigitsKept(string input)
    {
        Assert.True(BankAccountNumber.TryParse(input, out BankAccountNumber? number, out string? error), error);
        Assert.Equal(input.Replace(" ", ""), number!.Digits);
    }

    [Theory]
    [InlineData("4111111111111112")] // Visa with a wrong check digit
    [InlineData("5555555555554445")]
    [InlineData("12345678901")] // too short
    [InlineData("12345678901234567890")] // too long
    [InlineData("6217-0000-1000-1234")]
    [InlineData("62170000100012343a1")]
    [InlineData("")]
    [InlineData(null)]
    public void BankAccountNumber_Invalid_Refused(string? input)
    {
        Assert.False(BankAccountNumber.TryParse(input, out _, out string? error));
        Assert.NotNull(error);
    }

    [Fact]
    public void BankAccountNumber_Masked_LastFour()
    {
        BankAccountNumber.TryParse("6217000010001234321", out BankAccountNumber? number, out _);

        Assert.Equal("****4321", number!.Masked);
    }

    [Theory]
    [InlineData("[\"0.37\", \"0.52\"]", "0.37,0.52")]
    [InlineData("[\"0.52\", \"0.37\"]", "0.37,0.52")]
    [InlineData("[0.52, 0.37]", "0.37,0.52")]
    [InlineData("[\"0.5\", \"0.07\"]", "0.07,0.50")]
    [InlineData("[\".37\", \"0.01\"]", "0.01,0.37")]
    [InlineData("[0.370, 3.7e-1]", "0.37,0.37")] // a number is its value
    public void DepositAmounts_AnyOrderStringsOrNumbers_SameCanonicalForm(string json, string canonical)
    {
        JsonElement[] values = JsonSerializer.Deserialize<JsonElement[]>(json)!;

        Assert.True(DepositAmounts.TryParse(values, out DepositAmounts? amounts, out string? error), error);
        Assert.Equal(canonical, amounts!.Canonical);
        Assert.Null(amounts.CountError(2));
        Assert.Equal("Enter exactly 3 amounts.", amounts.CountError(3));
    }

    [Theory]
    [InlineData("[]")] // none
    [InlineData("[\"0.37\", \"0.52\", \"0.10\", \"0.11\", \"0.12\", \"0.13\"]")] // more than any cycle sends
    [InlineData("[\" 0.37\", \"0.52\"]")] // text is taken as written
    [InlineData("[\"0.375\", \"0.52\"]")] // three decimals
    [InlineData("[\"0.370\", \"0.52\"]")] // three decimals, even when the last is 0
    [InlineData("[\"1.00\", \"0.52\"]")] // not under 1 CNY
    [InlineData("[\"0.00\", \"0.52\"]")]
    [InlineData("[\"-0.37\", \"0.52\"]")]
    [InlineData("[\"abc\", \"0.52\"]")]
    [InlineData("[null, \"0.52\"]")]
    [InlineData("[{}, \"0.52\"]")]
    [InlineData("[\"1e-1\", \"0.52\"]")]
    public void DepositAmounts_Invalid_Refused(string json)
    {
        JsonElement[] values = JsonSerializer.Deserialize<JsonElement[]>(json)!;

        Assert.False(DepositAmounts.TryParse(values, out _, out string? error));
        Assert.NotNull(error);
    }

    [Fact]
    public void DepositAmounts_FromFen_SortsAndFormats()
    {
        Assert.Equal("0.01,0.99", DepositAmounts.FromFen([99, 1]).Canonical);
    }

    [Fact]
    public void DepositAmounts_FromFenOutOfRange_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DepositAmounts.FromFen([100]));
    }
}
