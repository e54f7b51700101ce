/** What the main thread and a PDF render worker say to each other (structured-clone data only). */
export type PdfJobMessage = { id: number; definition: object };

export type PdfResultMessage = { id: number; ok: true; pdf: Uint8Array } | { id: number; ok: false; message: string };
