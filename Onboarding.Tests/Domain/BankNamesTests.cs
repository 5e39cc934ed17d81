using Onboarding.Domain.Verification;

namespace Onboarding.Tests.Domain;

public sealed class BankNamesTests
{
    [Theory]
    [InlineData("Bank of China", "Bank of China")]
    [InlineData("BANK OF CHINA", "Bank of China")]
    [InlineData("bank-of-china", "Bank of China")]
    [InlineData("中国银行", "Bank of China")]
    [InlineData("ICBC", "Industrial and Commercial Bank of China")]
    [InlineData("招商银行", "China Merchants Bank")]
    public void Shown_ABankOfTheList_ItsName(string written, string shown)
    {
        Assert.Equal(shown, BankNames.Shown(written));
    }

    [Theory]
    [InlineData("6217000010001234321 John Smith born 1990-01-31", "6***")]
    [InlineData("My own little bank", "M***")]
    [InlineData("🏦 Bank", "🏦***")]
    public void Shown_AnythingElse_FirstLetterOnly(string written, string shown)
    {
        Assert.Equal(shown, BankNames.Shown(written));
    }

    [Theory]
    [InlineData("6217000010001234", "0006217000010001234")]
    [InlineData("4111111111111111", "004111111111111111")]
    public void Canonical_LeadingZerosAdded_TheSameForm(string number, string withZeros)
    {
        Assert.True(BankAccountNumber.TryParse(withZeros, out BankAccountNumber? parsed, out string? error), error);

        Assert.Equal(BankAccountNumber.Canonical(number), BankAccountNumber.Canonical(parsed!.Digits));
    }

    [Fact]
    public void TryParse_CardNumberBehindLeadingZeros_StillLuhnChecked()
    {
        Assert.False(BankAccountNumber.TryParse("004111111111111112", out _, out string? error)); // a Visa number with a wrong check digit
        Assert.Contains("card number", error, StringComparison.Ordinal);
    }
}
