using Onboarding.Application.Verification;
using Onboarding.Development;

namespace Onboarding.LocalHost.Faults;

/// <summary>
/// The sandbox bank behind the fault rules for <see cref="FaultTarget.Bank"/>: a payout can fail,
/// time out without paying, or pay and then time out — a repeat with the same reference must then
/// pay nothing more and return the first amounts, which the sandbox bank guarantees.
/// </summary>
public sealed class FaultInjectingBank(SandboxBank bank, DevFaults faults) : IDepositGateway
{
    public async Task<IReadOnlyList<int>> PayOnceAsync(string reference, BankAccount account, IReadOnlyList<int> amountsFen, CancellationToken cancellationToken)
    {
        FaultRule? fault = faults.Pick(FaultTarget.Bank);
        switch (fault?.Mode)
        {
            case FaultMode.Fail:
                throw new HttpRequestException("The sandbox bank refused the payout (injected fault).", null, System.Net.HttpStatusCode.ServiceUnavailable);
            case FaultMode.Timeout:
                await Task.Delay(TimeSpan.FromSeconds(fault.DelaySeconds), cancellationToken);
                throw new TimeoutException("The sandbox bank did not answer (injected fault).");
            case FaultMode.TimeoutAfterPaying:
                await bank.PayOnceAsync(reference, account, amountsFen, cancellationToken);
                await Task.Delay(TimeSpan.FromSeconds(fault.DelaySeconds), cancellationToken);
                throw new TimeoutException("The sandbox bank paid but its answer was lost (injected fault).");
            default:
                return await bank.PayOnceAsync(reference, account, amountsFen, cancellationToken);
        }
    }

    public Task DeleteTransfersAsync(string referencePrefix, CancellationToken cancellationToken) => bank.DeleteTransfersAsync(referencePrefix, cancellationToken);

    public Task DeletePaymentsAsync(string referencePrefix, CancellationToken cancellationToken) => bank.DeletePaymentsAsync(referencePrefix, cancellationToken);

    public Task<int> MoveLegacyRowsAsync(Func<Task> eachRow, CancellationToken cancellationToken) => bank.MoveLegacyRowsAsync(eachRow, cancellationToken);
}
