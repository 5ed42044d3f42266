using System.Security.Cryptography;
using System.Text;

namespace Workspace.Grains.Accounts;

/// <summary>
/// Single-use recovery codes: twelve random characters (about 59 bits), shown once as "abcd-efgh-jkmn",
/// stored as SHA-256 hashes (enough for secrets this random; a slow hash would only slow down sign-in).
/// </summary>
public static class RecoveryCodes
{
    public const int Count = 10;
    private const string Alphabet = "23456789abcdefghjkmnpqrstuvwxyz"; // no 0/o, 1/i/l to misread

    public static IReadOnlyList<string> Generate() =>
        Enumerable.Range(0, Count).Select(_ => Format(RandomNumberGenerator.GetString(Alphabet, 12))).ToArray();

    /// <summary>The stored form of a code as typed: case, spaces and dashes do not matter.</summary>
    public static string Hash(string code)
    {
        var plain = new string(code.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(plain)));
    }

    private static string Format(string code) => $"{code[..4]}-{code[4..8]}-{code[8..]}";
}
