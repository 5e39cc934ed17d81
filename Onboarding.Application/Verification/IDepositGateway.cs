namespace Onboarding.Application.Verification;

/// <summary>The account the deposits go to. Personal data.</summary>
public sealed record BankAccount(string BankName, string AccountNumber, string HolderName);

/// <summary>
/// Where a real bank or payout provider plugs in: pays micro-deposits into a user's account, and
/// forgets what it keeps of a journey when the personal-data code asks. The sandbox bank
/// (Onboarding.Development) implements it; production code depends only on this port.
/// </summary>
public interface IDepositGateway
{
    /// <summary>
    /// Pays each amount (in fen, 1–99) into <paramref name="account"/>, once per
    /// <paramref name="reference"/>: a call repeated with the same reference pays nothing more
    /// and returns the amounts the first call paid (which may differ from <paramref name="amountsFen"/>).
    /// </summary>
    Task<IReadOnlyList<int>> PayOnceAsync(string reference, BankAccount account, IReadOnlyList<int> amountsFen, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes what the gateway keeps in the service's own storage of the transfers of every payment
    /// whose reference starts with <paramref name="referencePrefix"/> (one journey's). Called before
    /// <see cref="DeletePaymentsAsync"/>. A bank that keeps nothing of ours does nothing.
    /// </summary>
    Task DeleteTransfersAsync(string referencePrefix, CancellationToken cancellationToken);

    /// <summary>Deletes what the gateway keeps in the service's own storage of every payment whose reference starts with <paramref name="referencePrefix"/>.</summary>
    Task DeletePaymentsAsync(string referencePrefix, CancellationToken cancellationToken);

    /// <summary>
    /// Part of the re-encryption pass: moves rows an earlier build keyed by a plain account number
    /// under the number's lookup key; <paramref name="eachRow"/> runs before each. Returns the rows moved (0 for a bank that keeps none).
    /// </summary>
    Task<int> MoveLegacyRowsAsync(Func<Task> eachRow, CancellationToken cancellationToken);
}
