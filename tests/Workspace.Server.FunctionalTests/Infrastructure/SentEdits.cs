using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Workspace.LiveClient;

namespace Workspace.Server.FunctionalTests.Infrastructure;

/// <summary>
/// Sends an edit the one way the live hub takes it (<c>Send</c>, one-way) and waits for its answer:
/// the acknowledgement is the edit coming back in <c>Changes</c> with its clientId and sequence (its
/// revision is returned); a refusal is <c>Refused</c> for that clientId and sequence (thrown as a
/// <see cref="HubRefusedException"/> carrying the code). A connection that closes first
/// throws <see cref="InvalidOperationException"/>; neither within the timeout throws
/// <see cref="TimeoutException"/> (a resubmission of an applied sequence, for one, is not answered).
/// </summary>
public static class SentEdits
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Sends one edit on <paramref name="connection"/> and returns the revision it became once durable.</summary>
    public static async Task<int> SendEdit(
        this HubConnection connection, Guid documentId, int baseRevision, object operation, string clientId, long sequence, TimeSpan? timeout = null)
    {
        var answer = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);

        // The handlers bind their arguments with the types of the first handler registered for the method
        // (a test's own may ask for JsonElement): both shapes are read.
        using var changes = connection.On("Changes", [typeof(DocumentChangesMessage)], arguments =>
        {
            if (Acknowledged(arguments[0], documentId, clientId, sequence) is { } revision)
            {
                answer.TrySetResult(revision);
            }

            return Task.CompletedTask;
        });
        using var refused = connection.On("Refused", [typeof(Guid), typeof(string), typeof(long), typeof(HubError)], arguments =>
        {
            if (Read<Guid>(arguments[0]) == documentId && Read<string>(arguments[1]) == clientId && Read<long>(arguments[2]) == sequence)
            {
                answer.TrySetException(new HubRefusedException(Read<HubError>(arguments[3])!));
            }

            return Task.CompletedTask;
        });

        // As an invocation would, the edit fails at once when its connection closes before it is answered.
        Func<Exception?, Task> closed = e =>
        {
            answer.TrySetException(new InvalidOperationException($"The connection closed before the edit ({clientId}, {sequence}) was answered.", e));
            return Task.CompletedTask;
        };
        connection.Closed += closed;
        try
        {
            await connection.SendAsync("Send", documentId, baseRevision, operation, clientId, sequence);
            return await answer.Task.WaitAsync(timeout ?? DefaultTimeout);
        }
        finally
        {
            connection.Closed -= closed;
        }
    }

    /// <summary>The code of the refusal of an edit sent with <see cref="SendEdit"/>; fails when it is accepted or unanswered.</summary>
    public static async Task<string> SendRefused(
        this HubConnection connection, Guid documentId, int baseRevision, object operation, string clientId, long sequence)
    {
        try
        {
            var revision = await connection.SendEdit(documentId, baseRevision, operation, clientId, sequence);
            throw new Xunit.Sdk.XunitException($"The edit ({clientId}, {sequence}) was accepted as revision {revision}.");
        }
        catch (HubRefusedException e)
        {
            return e.Error.Code;
        }
    }

    /// <summary>The revision of the operation <paramref name="clientId"/>/<paramref name="sequence"/> in a <c>Changes</c> message, if it holds it.</summary>
    public static int? Acknowledged(object? changes, Guid documentId, string clientId, long sequence)
    {
        switch (changes)
        {
            case DocumentChangesMessage message when message.DocumentId == documentId:
                return message.Operations.FirstOrDefault(o => o.ClientId == clientId && o.Sequence == sequence)?.Revision;
            case JsonElement json when json.GetProperty("documentId").GetGuid() == documentId:
                foreach (var operation in json.GetProperty("operations").EnumerateArray())
                {
                    if (operation.TryGetProperty("clientId", out var id) && id.GetString() == clientId
                        && operation.TryGetProperty("sequence", out var number) && number.GetInt64() == sequence)
                    {
                        return operation.GetProperty("revision").GetInt32();
                    }
                }

                return null;
            default:
                return null;
        }
    }

    private static T? Read<T>(object? argument) =>
        argument is JsonElement json ? json.Deserialize<T>(LiveConnections.Payload) : (T?)argument;
}
