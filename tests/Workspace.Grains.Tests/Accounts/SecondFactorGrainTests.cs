using OtpNet;
using Workspace.Contracts.Accounts;
using Workspace.Contracts.Errors;
using Workspace.Grains.Tests.Infrastructure;

namespace Workspace.Grains.Tests.Accounts;

/// <summary>The second factor's rules that depend on time, checked with the cluster's clock (lockout here: 3 failures, 10 minutes).</summary>
[Collection(ClusterCollection.Name)]
public sealed class SecondFactorGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_code_is_accepted_one_step_early_or_late_but_not_two()
    {
        var (factor, code, _) = await Enrolled();

        var twoLate = await Refusal(() => factor.Begin(code(-2)));
        await factor.Begin(code(1)); // the phone's clock a step ahead
        var oneLate = await Refusal(() => factor.Begin(code(-1)));

        Assert.Equal(ErrorCodes.SecondFactorWrongCode, twoLate.Code);
        Assert.Equal(ErrorCodes.SecondFactorCodeUsed, oneLate.Code); // its step is before one already accepted
    }

    [Fact]
    public async Task Wrong_codes_lock_the_account_and_the_codes_until_the_lockout_ends()
    {
        var (factor, code, user) = await Enrolled();

        var refusals = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            refusals.Add((await Refusal(() => factor.Begin("000000" == code(0) ? "111111" : "000000"))).Code);
        }

        var rightButLocked = await Refusal(() => factor.Begin(code(1)));
        var password = await fixture.Grains.GetGrain<IAccountGrain>(user.Email).SignIn("correct horse battery");
        fixture.Clock.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));
        await factor.Begin(code(0));

        Assert.Equal([ErrorCodes.SecondFactorWrongCode, ErrorCodes.SecondFactorWrongCode, ErrorCodes.LockedOut], refusals);
        Assert.Equal(ErrorCodes.LockedOut, rightButLocked.Code);
        Assert.Equal(SignInStatus.LockedOut, password.Status);
    }

    [Fact]
    public async Task Signing_in_again_with_the_right_password_between_wrong_codes_does_not_reset_their_count()
    {
        var (factor, code, user) = await Enrolled();
        var account = fixture.Grains.GetGrain<IAccountGrain>(user.Email);
        var wrong = "000000" == code(0) ? "111111" : "000000";

        var refusals = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(SignInStatus.Succeeded, (await account.SignIn("correct horse battery")).Status); // resets the account's count
            refusals.Add((await Refusal(() => factor.Begin(wrong))).Code);
        }

        var rightButLocked = await Refusal(() => factor.Begin(code(1)));
        fixture.Clock.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));
        await factor.Begin(code(0));

        Assert.Equal([ErrorCodes.SecondFactorWrongCode, ErrorCodes.SecondFactorWrongCode, ErrorCodes.LockedOut], refusals);
        Assert.Equal(ErrorCodes.LockedOut, rightButLocked.Code);
    }

    [Fact]
    public async Task A_sign_in_attempt_waits_five_minutes_for_its_code()
    {
        var (factor, code, _) = await Enrolled();
        var attempt = await factor.Grain.BeginSignIn();

        fixture.Clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        var late = await Refusal(() => factor.Grain.CompleteSignIn(attempt, new SecondFactorProof(code(0), null)));

        Assert.Equal(ErrorCodes.SecondFactorSignInExpired, late.Code);
    }

    [Fact]
    public async Task What_was_used_stays_used_after_the_grain_is_reactivated_from_storage()
    {
        var (factor, code, _) = await Enrolled();
        var recovery = await factor.Grain.RegenerateRecoveryCodes(new SecondFactorProof(code(1), null));
        await factor.Begin(null, recovery[0]);

        await fixture.Grains.GetGrain<IManagementGrain>(0).DeactivateGrain(factor.Grain.GetGrainId());
        var replayed = await Refusal(() => factor.Begin(code(1)));
        var reused = await Refusal(() => factor.Begin(null, recovery[0]));
        await factor.Begin(null, recovery[1]);

        Assert.Equal(ErrorCodes.SecondFactorCodeUsed, replayed.Code);
        Assert.Equal(ErrorCodes.SecondFactorWrongCode, reused.Code);
        Assert.Equal(8, (await factor.Grain.GetStatus()).RecoveryCodesLeft);
    }

    /// <summary>A new person with the second factor on, confirmed with the code of the current step; codes by steps from now.</summary>
    private async Task<(Factor Factor, Func<int, string> Code, UserProfile User)> Enrolled()
    {
        var user = await fixture.NewUser("Olga");
        var grain = fixture.Grains.GetGrain<ISecondFactorGrain>(user.Id);
        var enrolment = await grain.StartEnrolment(user.Email, "Workspace");
        var totp = new Totp(Base32Encoding.ToBytes(enrolment.Secret));
        string Code(int steps) => totp.ComputeTotp(fixture.Clock.GetUtcNow().UtcDateTime.AddSeconds(30 * steps));
        await grain.ConfirmEnrolment(Code(0));
        return (new Factor(grain), Code, user);
    }

    private static async Task<WorkspaceException> Refusal(Func<Task> call) => await Assert.ThrowsAsync<WorkspaceException>(call);

    /// <summary>Completes a fresh sign-in attempt with a code or a recovery code.</summary>
    private sealed record Factor(ISecondFactorGrain Grain)
    {
        public async Task Begin(string? code, string? recoveryCode = null) =>
            await Grain.CompleteSignIn(await Grain.BeginSignIn(), new SecondFactorProof(code, recoveryCode));
    }
}
