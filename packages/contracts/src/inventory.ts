import { z } from "zod";
import { chip, macAddress } from "./common";

/** How the host gets the board into the ROM bootloader (esptool's reset strategies). */
export const resetStrategy = z.enum(["classic", "usb-jtag-serial", "none", "custom"]);
export type ResetStrategyName = z.infer<typeof resetStrategy>;

/** Entity domains a lab uses for relays; all answer `turn_on`/`turn_off` and report `on`/`off`. */
export const POWER_DOMAINS = ["switch", "input_boolean", "light"] as const;

export const powerConfig = z
  .object({
    driver: z.literal("home-assistant").default("home-assistant"),
    /** Home Assistant base URL, e.g. `http://ha.lab:8123`. */
    url: z.url({
      protocol: /^https?$/,
      error: "expected an http(s) URL such as http://homeassistant.local:8123",
    }),
    /** Name of the environment variable that holds the long-lived access token (never the token). */
    token_env: z
      .string()
      .regex(
        /^[A-Za-z_][A-Za-z0-9_]*$/,
        "expected the NAME of an environment variable, e.g. HIL_HA_TOKEN",
      ),
    entity: z
      .string()
      .regex(
        new RegExp(`^(${POWER_DOMAINS.join("|")})\\.[a-z0-9_]+$`),
        `expected an entity id in one of the domains ${POWER_DOMAINS.join(", ")}, e.g. switch.hut_01_power`,
      ),
    /** Seconds the board stays unpowered. */
    off_sec: z.number().min(0).max(600).default(3),
    /** Seconds to wait after power returns before the board is used. */
    settle_sec: z.number().min(0).max(600).default(2),
    /** Seconds to wait for Home Assistant to confirm a new state. */
    timeout_sec: z.number().positive().max(300).default(15),
    /** Further attempts after a failed cycle. */
    max_retries: z.int().min(0).max(10).default(2),
    /** Minimum seconds between two cycles of the same slot (remembered across processes). */
    cooldown_sec: z.number().min(0).max(3600).default(10),
  })
  .strict();
export type PowerConfig = z.infer<typeof powerConfig>;

const RFC2217 = /^rfc2217:\/\/[^/:\s]+:\d{1,5}\/?$/;

export const slot = z
  .object({
    /** Slot id, e.g. `hut-01`; names the lease `<lock_dir>/hut-01.lock`. */
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "expected a lowercase id such as hut-01"),
    /** Runner label that selects this slot, e.g. `esp32-hut-01`. */
    label: z.string().regex(/^[A-Za-z0-9._-]+$/, "expected a runner label such as esp32-hut-01"),
    chip,
    /** A stable device path (`/dev/serial/by-id/...`) or `rfc2217://host:port`. */
    port: z
      .string()
      .refine(
        (p) => p.startsWith("/") || RFC2217.test(p),
        "expected a device path such as /dev/serial/by-id/usb-Silicon_Labs_CP2102_... or rfc2217://host:port",
      ),
    /** Baud rate for flashing. */
    baud: z.int().min(9600).max(5_000_000).default(921600),
    /** Baud rate of the application console. */
    console_baud: z.int().min(9600).max(5_000_000).default(115200),
    reset: resetStrategy.default("classic"),
    /** esptool custom reset sequence (`D0|R1|W0.1|D1|R0|W0.05|D0`), required when `reset: custom`. */
    reset_sequence: z
      .string()
      .regex(
        /^([DRUW][0-9.,]+)(\|([DRUW][0-9.,]+))*$/,
        "expected an esptool reset sequence like D0|R1|W0.1|D1|R0|W0.05|D0",
      )
      .optional(),
    /** Pin the board: flashing refuses a board whose MAC differs (a swapped cable). */
    mac: macAddress.optional(),
    flash_size: z.enum(["1MB", "2MB", "4MB", "8MB", "16MB", "32MB"]).optional(),
    power: powerConfig.optional(),
  })
  .strict()
  .superRefine((s, ctx) => {
    if (s.reset === "custom" && !s.reset_sequence) {
      ctx.addIssue({
        code: "custom",
        path: ["reset_sequence"],
        message: "is required when reset is custom",
      });
    }
  });
export type Slot = z.infer<typeof slot>;

export const inventory = z
  .object({
    version: z.literal(1).default(1),
    /** Where slot leases live; may be shared over NFS between runner hosts. */
    lock_dir: z.string().min(1).default("/var/lock/hil"),
    /** Content-addressed firmware bundle cache shared by the host's slots. */
    cache_dir: z.string().min(1).default("/var/cache/hil"),
    /** Journals, slot health and power-cycle cooldowns. */
    state_dir: z.string().min(1).default("/var/lib/hil"),
    /** A lease not refreshed for this many seconds is stale and may be taken over. */
    stale_sec: z.number().min(2).max(3600).default(30),
    /** Consecutive infrastructure failures (board unreachable after recovery) that mark a slot unhealthy. */
    unhealthy_after: z.int().min(1).max(100).default(3),
    slots: z.array(slot).min(1, "list at least one slot"),
  })
  .strict()
  .superRefine((inv, ctx) => {
    for (const field of ["id", "label", "port"] as const) {
      const seen = new Map<string, number>();
      inv.slots.forEach((s, i) => {
        const first = seen.get(s[field]);
        if (first !== undefined) {
          ctx.addIssue({
            code: "custom",
            path: ["slots", i, field],
            message: `"${s[field]}" is already used by slots[${first}] (${inv.slots[first]!.id}); each slot needs its own ${field}`,
          });
        } else seen.set(s[field], i);
      });
    }
  });
export type Inventory = z.infer<typeof inventory>;
export type InventoryInput = z.input<typeof inventory>;
