namespace Onboarding.Application.Verification;

/// <summary>The account the deposits go to. Personal data.</summary>
public sealed record BankAccount(string BankName, string AccountNumber, string HolderName);

/// <summary>
/// Where a real bank or payout provider plugs in: pays micro-deposits into a user's account.
/// The sandbox bank implements it for development and tests.
/// </summary>
public interface IDepositGateway
{
    /// <summary>
    /// Pays each amount (in fen, 1–99) into <paramref name="account"/>, once per
    /// <paramref name="reference"/>: a call repeated with the same reference pays nothing more
    /// and returns the amounts the first call paid (which may differ from <paramref name="amountsFen"/>).
    /// </summary>
    Task<IReadOnlyList<int>> PayOnceAsync(string reference, BankAccount account, IReadOnlyList<int> amountsFen, CancellationToken cancellationToken);
}
