using System.Security.Cryptography;
using System.Text;
using Workspace.Grains.Server;

namespace Workspace.Grains.Groups;

/// <summary>Invitation tokens: 256 random bits, stored and looked up only by their SHA-256 hash.</summary>
public static class InvitationTokens
{
    public const int MaxLength = 100;

    public static string NewToken() => ServerGrain.Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
