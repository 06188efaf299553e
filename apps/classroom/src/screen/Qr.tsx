/**
 * The join QR code, drawn in the browser by the `qrcode` package (no QR web service: the school
 * LAN has no internet). Rendered to a data-URL image, never to injected HTML.
 */
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';

export function Qr({ text, label }: { text: string; label: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    QRCode.toDataURL(text, {
      errorCorrectionLevel: 'M',
      margin: 2,
      width: 720,
      color: { dark: '#2b2118', light: '#ffffff' },
    }).then(
      (url) => {
        if (current) setSrc(url);
      },
      () => {
        if (current) setSrc(null);
      },
    );
    return () => {
      current = false;
    };
  }, [text]);
  return (
    <div className="qr" data-testid="qr">
      {src ? <img src={src} alt={label} /> : <div className="qr-placeholder" role="img" aria-label={label} />}
    </div>
  );
}
