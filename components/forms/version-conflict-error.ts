// Whether a failed save lost to someone else's newer version. Apart from version-conflict.tsx
// (its notice opens a dialog) so a form can check for a conflict without loading the dialog.
import { ApiError } from "@/lib/http/client";

export const isVersionConflict = (err: unknown) => err instanceof ApiError && err.code === "VERSION_CONFLICT";
