using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;

namespace Workspace.Server.Hosting;

/// <summary>
/// Data-protection keys (which encrypt sign-in cookies and CSRF tokens) in PostgreSQL, so every node
/// of a cluster reads and writes the same key ring and a browser signed in through one node is
/// signed in on all — no shared folder needed. The table comes with the schema (020-data-protection.sql).
/// </summary>
public sealed class PostgresKeyRepository(string connectionString) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand("SELECT Xml FROM WorkspaceDataProtectionKeys ORDER BY CreatedAt", connection);
        using var reader = command.ExecuteReader();
        var keys = new List<XElement>();
        while (reader.Read())
        {
            keys.Add(XElement.Parse(reader.GetString(0)));
        }

        return keys;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();

        // Two nodes creating their first key at once both keep theirs: names are unique per key.
        using var command = new NpgsqlCommand(
            "INSERT INTO WorkspaceDataProtectionKeys (FriendlyName, Xml) VALUES (@name, @xml) ON CONFLICT (FriendlyName) DO NOTHING", connection);
        command.Parameters.AddWithValue("name", friendlyName);
        command.Parameters.AddWithValue("xml", element.ToString(SaveOptions.DisableFormatting));
        command.ExecuteNonQuery();
    }
}
