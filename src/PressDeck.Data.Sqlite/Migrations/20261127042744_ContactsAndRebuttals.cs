using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PressDeck.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ContactsAndRebuttals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Contacts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Outlet = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Beat = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    SearchText = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastInteractionAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Contacts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Rebuttals",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Stage = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Network = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    RemoteId = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    Url = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    AuthorHandle = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    AuthorName = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    SnapshotText = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    SnapshotJson = table.Column<string>(type: "TEXT", maxLength: 1000000, nullable: false),
                    PostedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FirstSeenAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    OpenedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    OpenedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    OpenedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Claim = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Facts = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Sources = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Reach = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Impact = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    AssessedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DraftId = table.Column<int>(type: "INTEGER", nullable: true),
                    PublishedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    PublishedRemoteId = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    PublishedUrl = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    TrackUntil = table.Column<DateTime>(type: "TEXT", nullable: true),
                    NextReadAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Reads = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Rebuttals", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ContactHandles",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ContactId = table.Column<int>(type: "INTEGER", nullable: false),
                    Network = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Handle = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContactHandles", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ContactHandles_Contacts_ContactId",
                        column: x => x.ContactId,
                        principalTable: "Contacts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ContactInteractions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ContactId = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    ByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    ByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContactInteractions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ContactInteractions_Contacts_ContactId",
                        column: x => x.ContactId,
                        principalTable: "Contacts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RebuttalEvents",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RebuttalId = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    ByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RebuttalEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RebuttalEvents_Rebuttals_RebuttalId",
                        column: x => x.RebuttalId,
                        principalTable: "Rebuttals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SpreadSamples",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RebuttalId = table.Column<int>(type: "INTEGER", nullable: false),
                    IsResponse = table.Column<bool>(type: "INTEGER", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Reposts = table.Column<int>(type: "INTEGER", nullable: false),
                    Quotes = table.Column<int>(type: "INTEGER", nullable: false),
                    Replies = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SpreadSamples", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SpreadSamples_Rebuttals_RebuttalId",
                        column: x => x.RebuttalId,
                        principalTable: "Rebuttals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ContactHandles_ContactId",
                table: "ContactHandles",
                column: "ContactId");

            migrationBuilder.CreateIndex(
                name: "IX_ContactHandles_Network_Handle",
                table: "ContactHandles",
                columns: new[] { "Network", "Handle" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ContactInteractions_ContactId_At",
                table: "ContactInteractions",
                columns: new[] { "ContactId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_LastInteractionAt",
                table: "Contacts",
                column: "LastInteractionAt");

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_Name",
                table: "Contacts",
                column: "Name");

            migrationBuilder.CreateIndex(
                name: "IX_RebuttalEvents_RebuttalId_At",
                table: "RebuttalEvents",
                columns: new[] { "RebuttalId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_Rebuttals_Network_RemoteId",
                table: "Rebuttals",
                columns: new[] { "Network", "RemoteId" });

            migrationBuilder.CreateIndex(
                name: "IX_Rebuttals_NextReadAt",
                table: "Rebuttals",
                column: "NextReadAt");

            migrationBuilder.CreateIndex(
                name: "IX_SpreadSamples_RebuttalId_At",
                table: "SpreadSamples",
                columns: new[] { "RebuttalId", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ContactHandles");

            migrationBuilder.DropTable(
                name: "ContactInteractions");

            migrationBuilder.DropTable(
                name: "RebuttalEvents");

            migrationBuilder.DropTable(
                name: "SpreadSamples");

            migrationBuilder.DropTable(
                name: "Contacts");

            migrationBuilder.DropTable(
                name: "Rebuttals");
        }
    }
}
